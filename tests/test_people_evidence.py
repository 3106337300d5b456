"""People in plain sentences, as the whole extractor reads them: names the statistical tagger finds
with no cue beside them, and the rules that weigh them (`entities._tagged_person`, `name_confidence.py`)."""
import pytest

from ingest.extract.entities import extract_entities
from ingest.extract.name_confidence import person_margin


def found(text: str) -> list[tuple[str, str, int, int, str | None]]:
    return [(m.type, m.surface, m.start, m.end, m.role) for m in extract_entities(None, [text])]


def test_rules_against_a_tagged_name_raise_the_bar_rather_than_veto_it():
    # a name the tagger is sure of stands though it splits a common word (特朗普|通话), is no
    # transliteration the lists know (泽连斯基), or has a rarer surname and no cue (于晓光)
    assert found("美国总统特朗普通话的情况") == [("place", "美国", 0, 2, None), ("person", "特朗普", 4, 7, "总统")]
    assert found("泽连斯基真正对谈判持开放态度") == [("person", "泽连斯基", 0, 4, None)]
    assert found("讲述了宣侠父(于晓光 饰)离奇失踪的故事") == [("person", "于晓光", 7, 10, None)]
    # what stays a veto: a rarer surname before a transliteration (a foreign word as often as a name),
    # and a string that reads as neither a Chinese name nor mostly a transliteration
    assert found("此前,哈马斯已与以色列达成协议") == [("place", "以色列", 8, 11, None)]
    assert found("坚持戴口罩、勤洗手、常通风。") == []


def test_the_tagger_margin_of_a_person():
    assert person_margin("我们见到了扎琳娜。", 5, 8) > 20  # read as one person, clearly
    # not a reading the tagger takes: 0 up to float32 rounding of its forward + backward sums
    assert person_margin("我们见到了扎琳娜。", 5, 7) == pytest.approx(0, abs=1e-3)
    assert person_margin("我们见到了扎琳娜。", 0, 2) == pytest.approx(0, abs=1e-3)


def test_a_name_of_neither_shape_also_needs_a_place_where_a_name_starts():
    assert found("泽连斯基真正对谈判持开放态度") == [("person", "泽连斯基", 0, 4, None)]
    assert found("我们见到了扎琳娜。") == []  # after 了, no: the tagger alone does not carry it
    assert found("82岁的太鲁阁族耆老比令·达道说") == []  # `比|令·达道` starts inside a word


def test_the_tagger_reads_the_ends_of_a_dotted_name_the_rules_ran_on_past():
    assert found("和欧盟委员会主席乌尔苏拉·冯德莱恩签署。") == [
        ("org", "欧盟委员会", 1, 6, None), ("person", "乌尔苏拉·冯德莱恩", 8, 17, "主席")]
    assert ("person", "奥拉夫·朔尔茨", 7, 14, "总理") in found("他将与德国总理奥拉夫·朔尔茨合作")


def test_latin_script_names_with_a_cue():
    assert found("会解雇首席执行官Sam Altman,引发内部强烈反对") == [("person", "Sam Altman", 8, 18, "首席执行官")]
    assert ("person", "Hod Lipson", 8, 18, "教授") in found("哥伦比亚大学教授Hod Lipson指出")
    assert found("Jamyn Edis表示,尽管如此") == [("person", "Jamyn Edis", 0, 10, None)]


def test_a_latin_gloss_in_brackets_is_the_person_before_it():
    mentions = extract_entities(None, ["与唐纳德·特朗普(Donald Trump)的电话交谈中"])
    assert [(m.name, m.surface, m.start, m.end) for m in mentions if m.type == "person"] == [
        ("唐纳德·特朗普", "唐纳德·特朗普", 1, 8), ("唐纳德·特朗普", "Donald Trump", 9, 21)]


def test_latin_words_without_a_cue_or_in_capitals_are_no_people():
    assert found("2022年,我在App Store搜索") == []  # a product: no cue
    assert found("CHECK表示同意") == []  # capitals
    assert found("公司重新聘回Altman。") == []  # one word
    assert found("(Student and Exchange Visitor Information System)表示") == []  # part of a longer phrase


def test_japanese_names_after_a_title():
    assert found("农林水产大臣小泉进次郎、前经济安全保障担当大臣高市早苗出席") == [
        ("person", "小泉进次郎", 6, 11, "大臣"), ("person", "高市早苗", 23, 27, "大臣")]
    assert ("person", "野田佳彦", 8, 12, "党首") in found("和立宪民主党党首野田佳彦之间决出")
    assert found("他是前首相小泉纯一郎的次子") == [("person", "小泉纯一郎", 5, 10, "首相")]


def test_a_tagged_chinese_name_read_too_long_ends_where_the_tagger_next_best_reading_ends():
    assert ("person", "邓莎", 3, 5, None) in found("郑凯、邓莎领衔主演")  # not 邓莎领
    assert ("person", "陈秀丽", 8, 11, None) in found("高圆圆、陈紫函、陈秀丽齐聚苏有朋北京演唱会")


def test_the_tagger_cost_of_a_person_reading():
    from ingest.extract.name_confidence import person_cost
    text = "郑凯、邓莎领衔主演"
    two, three = person_cost(text, [(3, 5), (3, 6)])
    assert abs(two) < 1e-3 < three  # the tagger's own reading is 邓莎 (round 3's model; round 2's read 邓莎领衔)


def test_a_sure_tagged_person_wins_over_a_rule_place_or_organisation_across_it():
    # the rules read an organisation `威特科` here; the tagger, sure, reads the envoy
    assert found("美国中东问题特使威特科夫的会晤持续了3个小时") == [
        ("place", "美国", 0, 2, None), ("place", "中东", 2, 4, None), ("person", "威特科夫", 8, 12, None)]


def test_a_japanese_surname_alone_with_a_cue_and_a_dotted_name_with_a_one_character_last_part():
    assert found("安倍表示,日本将继续") == [("person", "安倍", 0, 2, None), ("place", "日本", 5, 7, None)]
    assert found("特雷莎·梅宣布辞职") == [("person", "特雷莎·梅", 0, 5, None)]  # not 特雷莎·梅宣布
