"""The rules' organisations weighed against the evidence (`ingest/extract/org_evidence.py`): a phrase that
opens like a clause and only ends like a name is no organisation unless the tagger reads it; a name after a
verb loses the verb; nested names, departments and a place inside a brand's name are read as before."""
from ingest.extract.entities import extract_entities
from ingest.extract.org_evidence import vouched_orgs
from ingest.extract.orgs import org_index
from ingest.extract.places import place_index


def kinds(text: str) -> list[tuple[str, str]]:
    return [(m.type, m.surface) for m in extract_entities(None, [text])]


def vouched(text: str) -> list[str]:
    places = place_index().find(text)
    return [o.surface for o in vouched_orgs([text], [org_index().find(text, places)], [places], org_index())[0]]


def test_a_clause_that_ends_like_an_organisation_is_none():
    assert org_index().find("事故发生后,受伤交警被送往医院。", [])[0].surface == "受伤交警"  # the suffix rule
    assert vouched("事故发生后,受伤交警被送往医院。") == []
    assert kinds("这些措施可以增加政府收入。") == []
    assert kinds("大家一商量,决定腾出村委会会议室。") == []


def test_leading_clause_words_before_a_place_or_a_level_word_are_cut_off():
    assert vouched("专家还深入兴安区人民政府调研。") == ["兴安区人民政府"]
    assert kinds("专家还深入兴安区人民政府调研。") == [("org", "兴安区人民政府"), ("place", "兴安区")]
    assert vouched("要深入学习县委提出的目标。") == ["县委"]


def test_what_vouches_for_an_organisation_keeps_it():
    # a place, a level word, a department (named by what it does), a suffix that is a name by itself
    assert vouched("北京市卫生健康委员会召开会议") == ["北京市卫生健康委员会"]
    assert vouched("市委书记勉励大家。") == ["市委"]
    assert vouched("他在输血科工作。") == ["输血科"]
    assert vouched("我院治未病中心、针灸科、呼吸内科专家到场。") == ["治未病中心", "针灸科", "呼吸内科"]


def test_a_nested_organisation_is_one_name_with_its_place_inside():
    assert kinds("哈尔滨市第二医院党委召开会议。") == [("org", "哈尔滨市第二医院党委"), ("org", "哈尔滨市第二医院"),
                                           ("place", "哈尔滨市")]


def test_the_issue_s_examples():
    # a brand's site holding a place is an organisation, the place nested inside it as in `北京市卫健委`
    assert kinds("瑞丽女性网报道") == [("org", "瑞丽女性网"), ("place", "瑞丽")]
    # not read by any evidence yet (docs/ner.md, "Round 3: organisations"): a suffix alone after nouns
    assert kinds("投资银行的人说") == [("org", "投资银行")]


def test_a_news_site_named_by_a_place():
    assert kinds("来源:安徽网") == [("org", "安徽网"), ("place", "安徽")]
    assert kinds("湖南长安网讯(通讯员 杨燕如)")[0] == ("org", "湖南长安网")
    # the ending inside another word is no site
    for text in ("中国互联网发展", "安徽网友说", "陕西网红简史", "嫌犯在厦门落网"):
        assert all(kind != "org" for kind, _ in kinds(text)), text


def test_a_join_between_two_words_of_one_name_is_inside_it():
    assert [o.surface for o in org_index().find("(三)、食物及卫生局局长陈肇始", [])] == ["食物及卫生局"]
    assert [o.surface for o in org_index().find("局和市发展和改革局调研", [])] == ["市发展和改革局"]
    assert ("org", "华中师范大学新闻与传播学院") in kinds("华中师范大学新闻与传播学院的学生说")
    # two names joined stay two: an organisation's ending before the join, a place after it, a name before it
    assert [o.surface for o in org_index().find("联合医院及博爱医院", [])] == ["博爱医院"]
    assert ("org", "自民党") in kinds("经济安全保障担当大臣高市早苗和自民党前干事长石破茂")
    # and a join before a name that is no bureau or college joins nothing (`部门与医疗队`)
    assert [o.surface for o in org_index().find("各相关部门与医疗队之间", [])] == []


def test_a_place_inside_a_set_phrase_is_no_place_for_the_tagger_either():
    assert kinds("北京时间20日晚,比赛开始。") == []  # a time zone
    assert kinds("共圆中国梦”活动") == []  # a slogan
    assert kinds("国足在卡塔尔亚洲杯中表现") == [("place", "卡塔尔")]  # a competition, not the continent
    assert kinds("他在北京工作。") == [("place", "北京")]
