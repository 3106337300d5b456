"""The place finder on its own (`ingest.extract.places.place_index()`), on small Chinese strings."""
from ingest.extract.places import Place, place_index


def places(text: str) -> list[tuple[str, str]]:
    """(surface, canonical name) of the places found in `text`."""
    return [(p.surface, p.name) for p in place_index().find(text)]


def test_listed_places_get_their_full_names():
    assert places("北京市延庆区医院") == [("北京市", "北京市"), ("延庆区", "延庆区")]
    assert places("太原和延庆") == [("太原", "太原市"), ("延庆", "延庆区")]
    assert places("访问了莫斯科") == [("莫斯科", "莫斯科")]
    assert places("延边朝鲜族自治州") == [("延边朝鲜族自治州", "延边朝鲜族自治州")]


def test_a_weak_name_counts_in_a_list_or_under_its_parent_only():
    assert places("祁县") == []
    assert places("介休、祁县等地") == [("介休", "介休市"), ("祁县", "祁县")]
    assert places("晋中市祁县") == [("晋中市", "晋中市"), ("祁县", "祁县")]


def test_towns_by_their_suffix():
    assert places("在东坪镇开展") == [("东坪镇", "东坪镇")]
    assert places("东海街道金屿社区") == [("东海街道", "东海街道"), ("金屿社区", "金屿社区")]
    assert places("走进社区") == []
    assert places("各乡镇") == []


def test_one_character_country_pairs():
    assert places("中美关系") == [("中", "中国"), ("美", "美国")]
    assert places("中俄两国") == [("中", "中国"), ("俄", "俄罗斯")]
    assert places("来华访问") == [("华", "中国")]


def test_short_division_names_in_a_list_after_a_place():
    found = place_index().listed("安南区及北区", [Place(0, 3, "安南区", "安南区", False)])
    assert [(p.surface, p.start, p.end) for p in found] == [("安南区", 0, 3), ("北区", 4, 6)]


def test_districts_in_a_list_under_their_city():
    found = places("台南市北区、东区及永康区")
    for place in [("台南市", "台南市"), ("东区", "东区"), ("永康区", "永康区")]:
        assert place in found
