"""Structured archive of Chinese-language news: ingest saved pages into SQLite for Datasette."""

__version__ = "0.1.0"
