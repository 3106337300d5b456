"""Speed-ups that must not change a result: each fast path against the plain way it replaces, on
random input, value for value."""
from __future__ import annotations

import random

from ingest.extract.lexicon import WordScanner, prefix_lengths
from ingest.extract.tagger import GAZETTEERS, Gazetteer


def _first_char_lengths(words) -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = {}
    for w in words:
        lengths.setdefault(w[0], set()).add(len(w))
    return {ch: tuple(sorted(ls, reverse=True)) for ch, ls in lengths.items()}


def _plain_scan(words: set[str], text: str) -> list[tuple[int, int]]:
    """Leftmost-longest matching trying every length the first character begins."""
    lengths, out, i = _first_char_lengths(words), [], 0
    while i < len(text):
        for k in lengths.get(text[i], ()):
            if i + k <= len(text) and text[i:i + k] in words:
                out.append((i, i + k))
                i += k
                break
        else:
            i += 1
    return out


def _plain_every(words: set[str], text: str) -> list[tuple[int, int]]:
    lengths, out = _first_char_lengths(words), []
    for i in range(len(text)):
        for k in lengths.get(text[i], ()):
            if i + k <= len(text) and text[i:i + k] in words:
                out.append((i, i + k))
                break
    return out


def _plain_matches(lists: dict[str, list[str]], text: str) -> list[tuple[int, int, int]]:
    """At each start, in lengths longest first, the list indices whose longest word starts there."""
    out = []
    for i in range(len(text)):
        seen: set[int] = set()
        for k in range(len(text) - i, 1, -1):
            for g, name in enumerate(GAZETTEERS):
                if g not in seen and text[i:i + k] in lists.get(name, ()):
                    seen.add(g)
                    out.append((i, i + k, g))
    return out


def _random_words(rng: random.Random, alphabet: str, count: int, longest: int) -> list[str]:
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, longest))) for _ in range(count)]


def test_prefix_lengths_key_words_by_their_first_two_characters_and_lone_characters_by_one():
    assert prefix_lengths(["北京", "北京市", "北", "南京"]) == {"北京": (3, 2, 1), "北": (1,), "南京": (2,)}


def test_word_scanner_finds_what_trying_every_length_of_the_first_character_finds():
    rng = random.Random(0)
    for _ in range(300):
        words = set(_random_words(rng, "abcd", rng.randint(1, 12), 5))
        scanner = WordScanner(words)
        for text in _random_words(rng, "abcde", 5, 30):
            assert scanner.scan(text) == _plain_scan(words, text)
            assert scanner.every(text) == _plain_every(words, text)


def test_gazetteer_matches_are_the_longest_word_of_each_list_at_each_start():
    rng = random.Random(1)
    for _ in range(300):
        lists = {name: [w for w in _random_words(rng, "abc", rng.randint(0, 6), 5) if len(w) >= 2]
                 for name in GAZETTEERS}
        gazetteer = Gazetteer(lists)
        for text in _random_words(rng, "abcd", 5, 25):
            assert gazetteer.matches(text) == _plain_matches(lists, text)


def test_texts_the_tagger_read_ahead_come_back_as_it_reads_them_alone():
    from ingest.extract.tagger import tagger

    model = tagger()
    texts = ["江泽民指出，要加强团结。", "", "叶利钦在莫斯科会见了新华社记者。", "北京市延庆区医院副院长张伟说", "江泽民指出，要加强团结。"]
    alone = [model.tag(t) for t in texts]
    try:
        model.read_ahead(texts[:3])
        assert model.tag_many(texts) == alone
        assert model.tag_many(texts[3:]) == alone[3:]
    finally:
        model.read_ahead([])


def test_a_chunk_of_files_processed_together_gives_what_each_file_gives_alone(tmp_path):
    from ingest.pipeline import DEFAULT_TIMEOUT, Job, process_chunk, process_source
    from ingest.read import DEFAULT_MAX_BYTES, find_files, read_source

    for i, text in enumerate(["核酸检测\n\n北京市延庆区医院副院长张伟说,4月共完成核酸采样45万余人次。",
                              "叶利钦会见江泽民\n\n江泽民指出，两国人民的友谊源远流长。", ""]):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    found = list(find_files([str(tmp_path)]))
    together = process_chunk([Job(f, f.path, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT) for f in found])
    alone = [process_source(read_source(f.abspath, f.path, DEFAULT_MAX_BYTES)) for f in found]
    assert [(p.error, [(a.title, [(m.surface, m.start) for m in a.mentions]) for a in p.articles]) for p in together] \
        == [(p.error, [(a.title, [(m.surface, m.start) for m in a.mentions]) for a in p.articles]) for p in alone]
    assert any(p.articles and p.articles[0].mentions for p in together)


def _plain_fold(text: str) -> str:
    """The index's folded form, token by token."""
    import re

    from ingest.search import SEPARATOR

    out: list[str] = []
    for word, char, _ in re.findall(r"([A-Za-z0-9]+)|([^\W_])|([\W_]+)", text):
        if word:
            out.append(word.lower())
        elif char:
            out.append(char)
        elif not out or out[-1] != SEPARATOR:
            out.append(SEPARATOR)
    return " ".join(out)


def test_folding_for_the_index_gives_the_tokens_one_by_one():
    from ingest.search import SEPARATOR, fold_for_index

    assert fold_for_index("核酸,PCR检测") == f"核 酸 {SEPARATOR} pcr 检 测"
    rng = random.Random(2)
    alphabet = "aZ9_ 核酸，,。\ue000Éé１Kİ-\n"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        assert fold_for_index(text) == _plain_fold(text), text
    assert fold_for_index(None) == ""


def test_emission_sums_add_the_weight_rows_as_numpy_sum_does_bit_for_bit():
    import numpy as np

    from ingest.extract.tagger import emission_sums, feature_rows_many, tagger

    rng = np.random.default_rng(3)
    weights = (rng.standard_normal((4096, 7)) * rng.choice([1e-3, 1.0, 1e3], (4096, 1))).astype(np.float32)
    for features in (25, 3, 1):
        rows = rng.integers(0, 4096, (5000, features))
        assert np.array_equal(emission_sums(weights, rows).view(np.uint32), weights[rows].sum(axis=1).view(np.uint32))
    model = tagger()
    rows = feature_rows_many(["叶利钦在莫斯科会见了新华社记者。", "北京市延庆区医院副院长张伟说"], model.bits)
    assert np.array_equal(emission_sums(model.weights, rows), model.weights[rows].sum(axis=1))
