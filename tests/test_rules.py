"""Pin the one grammar of the rule files (`ingest/rules.py`) on files that use each part of it."""
from ingest import rules


def test_rows_are_tab_separated_stripped_and_keep_empty_cells():
    assert rules.rows("dates_relative.txt")[:3] == (("今年", "year", "0"), ("本年", "year", "0"), ("去年", "year", "-1"))
    assert ("台湾省", "台北市", "") in rules.rows("ner_places_cn.txt")  # a trailing tab is an empty cell


def test_comment_lines_and_blank_lines_are_skipped():
    rows = rules.rows("dates_relative.txt")
    assert all(not cell.startswith("#") for row in rows for cell in row)
    assert all(row[0] for row in rows)


def test_a_hash_after_a_blank_starts_a_comment():
    stops = rules.words("ner_org_stops.txt", "name words")
    assert stops[-6:] == ("全国", "全军", "代表大会", "人民代表大会", "代表团", "协调")
    assert not any("#" in w or "`" in w for w in rules.words("ner_org_stops.txt"))


def test_sections_group_words_by_their_header_in_file_order():
    sections = rules.sections("ner_org_stops.txt")
    assert list(sections) == ["", "not organisations", "generic names", "name words", "titles after a known name"]
    assert sections[""][:3] == ("的", "了", "在")
    assert rules.words("ner_org_stops.txt") == sum(sections.values(), ())
    assert rules.words("ner_org_stops.txt", "no such section") == ()


def test_chars_are_the_cjk_characters_of_a_section():
    given = rules.chars("ner_given_chars.txt")
    assert {"伟", "刚", "勇"} <= given and not any(c.isspace() for c in given)


def test_aliases_name_every_spelling_and_map_aliases_to_their_canonical_name():
    names, canon = rules.aliases("ner_places_world.txt")
    assert names[:4] == ("中国", "中华人民共和国", "美国", "美利坚合众国")
    assert canon["中华人民共和国"] == "中国" and canon["南联盟"] == "南斯拉夫联盟共和国"


def test_byline_endings_come_from_the_organisation_suffix_table():
    endings = rules.byline_org_endings()
    assert set(endings) == set("科办部处室队站院局委会报社网台所厅组馆") | {"中心"}
    assert "医院" not in endings and "署" not in endings
