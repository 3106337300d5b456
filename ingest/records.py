"""Small records passed between the pipeline stages (read → split → clean → extract → store).

Offsets (`start`, `end`) are always 0-based, end-exclusive character offsets into the normalised
(Simplified) text they were found in, so `text[start:end] == surface` holds for every record.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SourceFile:
    """One input file as read from disk, before any parsing."""

    path: str  # relative to the folder the user named (or the file name when a file was named)
    abspath: str
    sha256: str
    size: int
    text: str | None = None  # decoded text; None when the file could not be read
    encoding: str | None = None
    error: str | None = None  # why it could not be read, for the ingest_errors table
    # The archive's key for the file: its path relative to the archive's folder (`seeds/000.txt`),
    # so `day1/news.txt` and `day2/news.txt` are two sources; None means `path`.
    location: str | None = None
    format: str = "text"  # text | html (a saved web page, read through trafilatura)

    @property
    def key(self) -> str:
        return self.location or self.path


@dataclass
class RawArticle:
    """The lines of one article as cut out of a file, before cleaning."""

    seq: int
    lines: list[tuple[int, str]]  # (0-based line number in the file, line text)
    heading: str | None = None  # the headline that opened it (`## `, or listed at the page's top)
    heading_line: int | None = None  # its line number in the file
    page_header: list[str] = field(default_factory=list)  # the masthead of a newspaper page holding it


@dataclass
class Paragraph:
    seq: int
    kind: str  # body | heading | caption | byline
    text: str  # normalised: Simplified script, ASCII digits and Latin letters
    text_original: str  # as the page had it (same length as `text` wherever conversion allows)
    line_start: int = 0  # first line of the file it came from (0-based)
    # Bracketed pinyin left out of `text` (`醫(yī)院`): (offset in text, characters removed there).
    removed: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class DroppedLine:
    """A line the cleaner left out of the article, kept with the rule that dropped it."""

    line_no: int
    text: str
    rule: str


@dataclass
class Article:
    seq: int
    title: str | None
    title_original: str | None
    published_date: str | None = None  # YYYY-MM-DD
    published_time: str | None = None  # HH:MM[:SS]
    byline: str | None = None
    authors: list[str] = field(default_factory=list)
    site: str | None = None
    script: str = "simplified"  # simplified | traditional | mixed
    paragraphs: list[Paragraph] = field(default_factory=list)
    dropped: list[DroppedLine] = field(default_factory=list)
    # Filled by the extract stage:
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    claims: list[NumericClaim] = field(default_factory=list)
    day: str | None = None  # where the timeline puts it: its publication date, else its first dated event
    day_basis: str | None = None  # publication date | first dated event; None when it has no day


@dataclass
class Mention:
    """A person, organisation or place named in a paragraph, in the title (`paragraph_seq` None), or
    in the byline (`in_byline`: a name only the page's metadata line gives, `作者:欧阳晓婷`)."""

    type: str  # person | org | place
    name: str  # canonical Simplified name the mention refers to
    surface: str
    start: int
    end: int
    role: str | None = None  # the title the text gives a person here (`副院长`, `党委书记、主任`)
    paragraph_seq: int | None = None
    found_by: str = "rule"  # rule (a cue, a list, an ending) | tagger (the statistical tagger alone)
    in_byline: bool = False  # offsets index the article's byline, not a paragraph or the title


@dataclass(frozen=True)
class BylinePerson:
    """A name in a byline, where it stands in the byline text, and the role word that introduced it."""

    name: str
    start: int
    end: int
    role: str | None


@dataclass
class DateMention:
    surface: str
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    year_source: str | None = None  # text | published | relative, None when the year is unknown
    paragraph_seq: int | None = None
    iso_date: str | None = None  # `2022-04-23`, `2022-04`; None without a year and month
    year_carried: bool = False  # the year is written earlier in the sentence, not beside this date


@dataclass
class NumericClaim:
    surface: str  # the number with its hedge and unit as written (`45万余人次`)
    start: int
    end: int
    value: float  # the number as stated (`45万余` → 450000); the low end of a range
    value_max: float | None = None  # the high end of a range (`五至六百人` → 600), else None
    unit: str | None = None  # measure word or unit as written (`人次`, `毫升`)
    unit_normalised: str | None = None  # one spelling per unit (`毫升` → `ml`, `公斤` → `千克`)
    qualifier: str | None = None  # hedge: 余 多 近 约 超 逾 上 数 …; None for an exact figure
    subject: str | None = None  # what is counted or done (`核酸采样`, `医用口罩`)
    cumulative: bool = False  # 累计 / 共 / 截至目前
    period: str | None = None  # the period the sentence gives (`4月23日至6月6日`)
    period_start: str | None = None  # its first and last dates as ISO dates, when the text dates them
    period_end: str | None = None
    sentence: str | None = None  # the sentence it came from
    paragraph_seq: int | None = None


@dataclass(frozen=True)
class FoundFile:
    """One entry met while walking the paths given: a file to read, another kind of file, or a problem."""

    abspath: str
    path: str  # relative to the folder the user named (the base name for a file named directly)
    problem: str | None = None  # why it cannot be read (a loop, a named pipe, an unreadable folder)
    other: bool = False  # a file not read (not text or a web page, or excluded): named in the summary


@dataclass
class ProcessedSource:
    """One file after every stage: its articles with their extractions, or the stage that failed."""

    source: SourceFile
    articles: list[Article] = field(default_factory=list)
    dropped: list[DroppedLine] = field(default_factory=list)  # lines that belong to no article
    error_stage: str | None = None
    error: str | None = None
    # Why nothing was read: `unchanged` (archived with the same sha256), `named twice` (this run met
    # the same file before), `not text` (a file in a folder that is not text or a web page, or was excluded); None when read.
    skipped: str | None = None
    # Set by the store: the location whose source already holds this content (not stored again), and
    # the location a source was renamed from (its articles now name this file).
    duplicate_of: str | None = None
    duplicate_of_id: int | None = None
    renamed_from: str | None = None


@dataclass
class Summary:
    """What one ingest run did, for the command line's report."""

    files: int = 0
    added: int = 0
    skipped: int = 0
    duplicates: int = 0
    other: int = 0
    errors: int = 0
    articles: int = 0
    paragraphs: int = 0
    mentions: int = 0
    dates: int = 0
    claims: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, message)
    notes: list[str] = field(default_factory=list)  # what the user should know that is no error
    other_files: list[str] = field(default_factory=list)  # the first few files not read
    worker_restarts: int = 0

    def line(self) -> str:
        """The counts in one line."""
        return (f"files {self.files}, articles {self.articles}, paragraphs {self.paragraphs}, "
                f"entity mentions {self.mentions}, dates {self.dates}, claims {self.claims}, "
                f"skipped unchanged {self.skipped}, duplicates {self.duplicates}, other files {self.other}, "
                f"errors {self.errors}, {self.seconds:.1f} s")


@dataclass(frozen=True)
class MergedShard:
    """What `ingest merge` took from one shard archive."""

    path: str
    sources: int  # files (rows of `sources`), whatever their status
    duplicates: int  # files stored in the shard whose content an earlier shard already held: now duplicates
    articles: int
