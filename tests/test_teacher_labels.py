"""The teacher's labels brought to the archive's conventions before training (training/teacher_labels.py)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ingest.extract.tagger import spans

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))
from teacher_labels import to_archive  # noqa: E402
from train_ner import read_distilled  # noqa: E402


def mapped(text: str, given: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    return [(text[s:e], kind) for s, e, kind in to_archive(text, given)]


def test_a_run_of_one_character_short_names_is_one_place_a_character():
    assert mapped("中俄关系", [(0, 2, "LOC")]) == [("中", "LOC"), ("俄", "LOC")]
    assert mapped("港澳台同胞", [(0, 3, "LOC")]) == [("港", "LOC"), ("澳", "LOC"), ("台", "LOC")]


def test_a_place_of_its_own_a_direction_or_a_repeat_stays_whole():
    assert mapped("巴西队", [(0, 2, "LOC")]) == [("巴西", "LOC")]  # a country the lists know
    assert mapped("西德时期", [(0, 2, "LOC")]) == [("西德", "LOC")]  # 西: a direction
    assert mapped("晋朝", [(0, 2, "LOC")]) == [("晋朝", "LOC")]
    assert mapped("北京", [(0, 2, "LOC")]) == [("北京", "LOC")]


def test_a_person_a_shop_or_a_hospital_is_named_after_is_that_name():
    assert mapped("刘兰花螺蛳粉店开业", [(0, 3, "PER")]) == [("刘兰花螺蛳粉店", "ORG")]
    assert mapped("送往李惠利医院", [(2, 5, "PER")]) == [("李惠利医院", "ORG")]
    assert mapped("在鲁迅公园", [(1, 3, "PER")]) == [("鲁迅公园", "LOC")]


def test_a_person_followed_by_a_clause_or_a_word_stays_a_person():
    assert mapped("张伟在医院工作", [(0, 2, "PER")]) == [("张伟", "PER")]  # 在: a name ends there
    assert mapped("黄天明曾夺得中学冠军", [(0, 3, "PER")]) == [("黄天明", "PER")]  # a verb between
    assert mapped("马化腾说", [(0, 3, "PER")]) == [("马化腾", "PER")]
    assert mapped("王芳馆长说", [(0, 2, "PER")]) == [("王芳", "PER")]  # 馆长: a word, not an ending


def test_a_name_the_teacher_already_gave_after_the_person_is_not_swallowed():
    text = "李明北京大学教授"
    assert mapped(text, [(0, 2, "PER"), (2, 6, "ORG")]) == [("李明", "PER"), ("北京大学", "ORG")]


def test_distilled_labels_are_read_in_the_archive_conventions_unless_asked(tmp_path):
    path = tmp_path / "lac.jsonl"
    path.write_text(json.dumps({"text": "中俄两国", "spans": [[0, 2, "LOC"]]}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    (text, labels), = read_distilled(path)
    assert spans(labels) == [(0, 1, "LOC"), (1, 2, "LOC")]
    (text, labels), = read_distilled(path, teacher_conventions=False)
    assert spans(labels) == [(0, 2, "LOC")]
