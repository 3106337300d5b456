"""A small fuzz run of hostile files (benchmarks/fuzz_hostile.py): every file accounted for, every refusal named."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import fuzz_hostile  # noqa: E402  (a benchmark script, not a package)


def test_sixty_hostile_files_are_all_accounted_for_and_every_refusal_is_named():
    # A short --timeout so the slow kinds (50,000 one-character lines) are stopped, and named, quickly.
    tally = fuzz_hostile.fuzz(n=60, seed=1, workers=2, timeout=5.0)
    assert tally.tried == 60
    assert tally.lost == []
    assert tally.unnamed == []
    assert tally.bad_archive == []
    assert not tally.crashed
    assert tally.exit_code == 1  # some files failed, and the run says so
    assert tally.ok > 0 and tally.duplicates > 0 and sum(tally.refused.values()) > 0
    assert tally.ok + tally.duplicates + sum(tally.refused.values()) + sum(tally.notes.values()) == tally.tried


def test_a_refusal_kind_drops_its_particulars_but_keeps_encoding_names():
    assert fuzz_hostile.refusal_kind("undecodable bytes: not UTF-8 (invalid start byte at byte 12), GB18030 or Big5") \
        == "undecodable bytes: not UTF-8 (…), GB18030 or Big5"
    assert fuzz_hostile.refusal_kind("file too large: 2,097,152 bytes, over the limit of 1,048,576 (--max-bytes)") \
        == "file too large: N bytes, over the limit of N (--max-bytes)"
    assert fuzz_hostile.refusal_kind("broken symbolic link to /nonexistent/news.txt") == "broken symbolic link to …"
