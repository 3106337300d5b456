"""The person score (ingest/extract/person_score.py): one fitted decision for the names the tagger reads."""
from ingest.extract import person_score
from ingest.extract.entities import extract_entities


def people(text: str) -> list[str]:
    return [m.surface for m in extract_entities(None, [text]) if m.type == "person"]


def evidence(**given) -> person_score.PersonEvidence:
    base = {f: False for f in person_score.PersonEvidence.__dataclass_fields__}
    return person_score.PersonEvidence(**(base | given))


def test_the_margin_is_read_only_when_the_rest_leaves_the_decision_open():
    asked = []

    def margin() -> float:
        asked.append(1)
        return 0.0

    clear = evidence(chinese=True, top_surname=True, cue=True, role=True, starts_well=True)
    assert person_score.accepts(clear, margin) is True
    hopeless = evidence(rare_and_foreign=True, splits_word=True, dict_person=True)
    assert person_score.accepts(hopeless, margin) is False
    assert asked == []


def test_probability_rises_with_the_margin():
    plain = evidence(chinese=True)
    assert person_score.probability(plain, 0.0) < person_score.probability(plain, 30.0)


def test_a_foreign_name_the_tagger_reads_in_part_is_read_whole():
    assert people("最终,伊万科维奇在发布会上承认球队表现不佳。") == ["伊万科维奇"]
    assert people("美国国务卿鲁比奥通电话讨论了局势。") == ["鲁比奥"]
    assert people("赛后,萨巴伦卡接受了采访。") == ["萨巴伦卡"]


def test_a_title_before_a_foreign_name_is_not_read_into_it():
    assert people("总统助理乌沙科夫透露,会谈将在下周举行。") == ["乌沙科夫"]


def test_names_in_a_plain_list():
    assert people("王丽华、陈建国和刘志明出席了会议。") == ["王丽华", "陈建国", "刘志明"]


def test_a_word_the_dictionary_knows_is_no_person_beside_a_noun():
    assert people("以色列飞机和坦克继续连夜轰炸。") == []


def test_a_cue_name_is_not_read_on_into_an_idiom():
    assert people("党委书记、主任白林身先士卒,带头冲在第一线。") == ["白林"]


def test_a_dot_at_the_end_of_a_tagged_name_is_not_part_of_it():
    assert not any(p.startswith("·") or p.endswith("·") for p in people("《埃斯特万·圣地亚哥》"))
    assert people("哥伦比亚总统埃斯特万·圣地亚哥表示欢迎。") == ["埃斯特万·圣地亚哥"]
