-- The one definition of the archive's tables. `ingest` creates them from this file and nothing else.
-- Public contract (../shared/acceptance/README.md): articles, paragraphs, entities, mentions,
-- date_mentions, numeric_claims with their named columns. Offsets are 0-based, end-exclusive
-- character offsets into paragraphs.text (for mentions, articles.title or articles.byline when
-- paragraph_id is NULL: mentions.field says which).

-- One row per input file. `location` is the key a re-run matches: the file's path relative to the
-- folder that holds the archive (`seeds/000.txt`, `../day2/news.txt`), so two folders' `news.txt`
-- are two sources. `path` is relative to the folder that was ingested (what articles.source shows).
-- A file whose content is already archived under another location is a `duplicate` row pointing at
-- that source, with no articles of its own.
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY,
    location TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    encoding TEXT,
    format TEXT NOT NULL DEFAULT 'text' CHECK (format IN ('text', 'html')),  -- html: a saved web page
    status TEXT NOT NULL CHECK (status IN ('ok', 'error', 'duplicate')),
    duplicate_of INTEGER REFERENCES sources (id),
    article_count INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL,
    CHECK ((status = 'duplicate') = (duplicate_of IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS idx_sources_path ON sources (path);
CREATE INDEX IF NOT EXISTS idx_sources_duplicate_of ON sources (duplicate_of);
CREATE INDEX IF NOT EXISTS idx_sources_sha256 ON sources (sha256);
CREATE INDEX IF NOT EXISTS idx_sources_status ON sources (status);
CREATE INDEX IF NOT EXISTS idx_sources_encoding ON sources (encoding);
CREATE INDEX IF NOT EXISTS idx_sources_ingested_at ON sources (ingested_at);

-- Every problem met while ingesting, one row each; the run goes on with the other files.
-- `source_path` is the file's location (as sources.location).
CREATE TABLE IF NOT EXISTS ingest_errors (
    id INTEGER PRIMARY KEY,
    source_path TEXT NOT NULL,
    sha256 TEXT,
    stage TEXT NOT NULL CHECK (stage IN ('read', 'split', 'clean', 'extract', 'store')),
    message TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_ingest_errors_source_path ON ingest_errors (source_path);
CREATE INDEX IF NOT EXISTS idx_ingest_errors_stage ON ingest_errors (stage);
CREATE INDEX IF NOT EXISTS idx_ingest_errors_created_at ON ingest_errors (created_at);

CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources (id),
    source TEXT NOT NULL,
    seq INTEGER NOT NULL,
    title TEXT,
    title_original TEXT,
    published_date TEXT CHECK (published_date IS NULL OR published_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    published_time TEXT,
    site TEXT,
    byline TEXT,
    authors TEXT,
    script TEXT NOT NULL CHECK (script IN ('simplified', 'traditional', 'mixed')),
    -- Where the article sits on a timeline: its publication date, else the earliest full date its
    -- text gives with the year written out (never a guessed year); NULL when neither exists.
    day TEXT,
    day_basis TEXT CHECK (day_basis IS NULL OR day_basis IN ('publication date', 'first dated event')),
    paragraph_count INTEGER NOT NULL DEFAULT 0,
    char_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (source_id, seq)
);
CREATE INDEX IF NOT EXISTS idx_articles_source_id ON articles (source_id);
CREATE INDEX IF NOT EXISTS idx_articles_published_date ON articles (published_date);
CREATE INDEX IF NOT EXISTS idx_articles_site ON articles (site);
CREATE INDEX IF NOT EXISTS idx_articles_script ON articles (script);
CREATE INDEX IF NOT EXISTS idx_articles_day ON articles (day);

CREATE TABLE IF NOT EXISTS paragraphs (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('body', 'heading', 'caption', 'byline')),
    text TEXT NOT NULL,
    text_original TEXT NOT NULL,
    removed_spans TEXT,
    line_no INTEGER NOT NULL,
    UNIQUE (article_id, seq)
);
CREATE INDEX IF NOT EXISTS idx_paragraphs_article_id ON paragraphs (article_id);
CREATE INDEX IF NOT EXISTS idx_paragraphs_kind ON paragraphs (kind);

-- Lines of the file that are not part of any article's text (page chrome, repeated headlines,
-- metadata lines), kept with the rule that removed them so nothing is silently lost.
CREATE TABLE IF NOT EXISTS dropped_lines (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources (id),
    article_id INTEGER REFERENCES articles (id),
    line_no INTEGER NOT NULL,
    text TEXT NOT NULL,
    rule TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_dropped_lines_source_id ON dropped_lines (source_id);
CREATE INDEX IF NOT EXISTS idx_dropped_lines_article_id ON dropped_lines (article_id);
CREATE INDEX IF NOT EXISTS idx_dropped_lines_rule ON dropped_lines (rule);

CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL CHECK (type IN ('person', 'org', 'place')),
    name TEXT NOT NULL,
    mention_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0,
    UNIQUE (type, name)
);
CREATE INDEX IF NOT EXISTS idx_entities_name ON entities (name);
CREATE INDEX IF NOT EXISTS idx_entities_type ON entities (type, mention_count);
CREATE INDEX IF NOT EXISTS idx_entities_mention_count ON entities (mention_count);
CREATE INDEX IF NOT EXISTS idx_entities_article_count ON entities (article_count);

CREATE TABLE IF NOT EXISTS mentions (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities (id),
    article_id INTEGER NOT NULL REFERENCES articles (id),
    paragraph_id INTEGER REFERENCES paragraphs (id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    surface TEXT NOT NULL,
    role TEXT,
    found_by TEXT NOT NULL DEFAULT 'rule' CHECK (found_by IN ('rule', 'tagger')),
    -- the text start/end index: paragraphs.text, articles.title, or articles.byline (a name only
    -- the page's metadata line gives, `作者:欧阳晓婷 刘畅`); paragraph_id is set for the first only
    field TEXT NOT NULL DEFAULT 'paragraph' CHECK (field IN ('paragraph', 'title', 'byline')),
    CHECK ("end" > start AND start >= 0),
    CHECK ((field = 'paragraph') = (paragraph_id IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS idx_mentions_found_by ON mentions (found_by);
CREATE INDEX IF NOT EXISTS idx_mentions_entity_id ON mentions (entity_id);
CREATE INDEX IF NOT EXISTS idx_mentions_article_id ON mentions (article_id);
CREATE INDEX IF NOT EXISTS idx_mentions_paragraph_id ON mentions (paragraph_id);
CREATE INDEX IF NOT EXISTS idx_mentions_role ON mentions (role);
-- Covers "a person's titles" without reading the table.
CREATE INDEX IF NOT EXISTS idx_mentions_entity_role ON mentions (entity_id, role, article_id);

CREATE TABLE IF NOT EXISTS date_mentions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    paragraph_id INTEGER REFERENCES paragraphs (id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    surface TEXT NOT NULL,
    year INTEGER,
    month INTEGER CHECK (month IS NULL OR month BETWEEN 1 AND 12),
    day INTEGER CHECK (day IS NULL OR day BETWEEN 1 AND 31),
    year_source TEXT CHECK (year_source IS NULL OR year_source IN ('text', 'published', 'relative')),
    iso_date TEXT,
    CHECK ("end" > start AND start >= 0)
);
CREATE INDEX IF NOT EXISTS idx_date_mentions_article_id ON date_mentions (article_id);
CREATE INDEX IF NOT EXISTS idx_date_mentions_paragraph_id ON date_mentions (paragraph_id);
CREATE INDEX IF NOT EXISTS idx_date_mentions_iso_date ON date_mentions (iso_date);
CREATE INDEX IF NOT EXISTS idx_date_mentions_year ON date_mentions (year);
CREATE INDEX IF NOT EXISTS idx_date_mentions_month ON date_mentions (month);
CREATE INDEX IF NOT EXISTS idx_date_mentions_year_source ON date_mentions (year_source);

CREATE TABLE IF NOT EXISTS numeric_claims (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    paragraph_id INTEGER REFERENCES paragraphs (id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    surface TEXT NOT NULL,
    value REAL NOT NULL,
    value_max REAL,
    unit TEXT,
    unit_normalised TEXT,
    qualifier TEXT,
    subject TEXT,
    cumulative INTEGER NOT NULL DEFAULT 0 CHECK (cumulative IN (0, 1)),
    period TEXT,
    period_start TEXT,
    period_end TEXT,
    sentence TEXT,
    CHECK ("end" > start AND start >= 0)
);
CREATE INDEX IF NOT EXISTS idx_numeric_claims_article_id ON numeric_claims (article_id);
CREATE INDEX IF NOT EXISTS idx_numeric_claims_paragraph_id ON numeric_claims (paragraph_id);
CREATE INDEX IF NOT EXISTS idx_numeric_claims_unit ON numeric_claims (unit);
CREATE INDEX IF NOT EXISTS idx_numeric_claims_qualifier ON numeric_claims (qualifier);
CREATE INDEX IF NOT EXISTS idx_numeric_claims_value ON numeric_claims (value);
-- Covers grouping claims by subject and unit (totals, approximate vs exact) without reading the table.
CREATE INDEX IF NOT EXISTS idx_numeric_claims_subject ON numeric_claims (subject, unit, value, qualifier);
CREATE INDEX IF NOT EXISTS idx_numeric_claims_unit_normalised ON numeric_claims (unit_normalised);

-- Full-text search (ingest/search.py): contentless FTS5 indexes over a folded copy of the text in
-- which every Han character is a token, so 1- and 2-character Chinese queries match exactly as LIKE
-- would. rowid = paragraphs.id / articles.id. Contentless: the text is not stored a second time.
CREATE VIRTUAL TABLE IF NOT EXISTS paragraphs_fts USING fts5(text, content='', tokenize='unicode61');
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, body, content='', tokenize='unicode61');

