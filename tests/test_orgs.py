"""The organisation finder on its own (`ingest.extract.orgs.org_index()`), on small Chinese strings."""
from ingest.extract.orgs import org_index
from ingest.extract.places import place_index


def orgs(text: str) -> list[str]:
    """The organisations found in `text`, given the places found there."""
    return [o.surface for o in org_index().find(text, place_index().find(text))]


def test_a_suffix_with_the_places_before_it():
    assert orgs("哈尔滨市第二医院") == ["哈尔滨市第二医院"]
    assert orgs("市卫生健康委员会") == ["市卫生健康委员会"]
    assert orgs("县疾病预防控制中心") == ["县疾病预防控制中心"]
    assert orgs("北京大学第一医院") == ["北京大学", "北京大学第一医院"]


def test_a_count_before_the_name_is_cut_off():
    assert orgs("三个社区卫生服务中心") == ["社区卫生服务中心"]
    assert orgs("两家医院") == []


def test_known_names():
    assert orgs("新华社北京电") == ["新华社"]
    assert orgs("中国共产党") == ["中国共产党"]
    assert orgs("世界卫生组织") == ["世界卫生组织"]
    assert orgs("援哈抗疫医疗队") == ["援哈抗疫医疗队"]


def test_congresses_and_their_committees():
    assert orgs("全国人民代表大会") == ["全国人民代表大会"]
    assert orgs("第十三届全国人民代表大会") == ["第十三届全国人民代表大会"]
    assert orgs("省人大常委会主任") == ["省人大常委会"]


def test_an_ordinary_word_with_an_organisation_ending_is_no_name():
    assert orgs("临床科室") == []


def test_the_longest_suffix_a_name_ends_with():
    assert org_index().suffix_len("社区卫生服务中心") == 8
    assert org_index().suffix_len("哈尔滨市第二医院") == 2


def test_media_outlets_and_traffic_police_after_a_place():
    assert orgs("据锡林郭勒日报消息") == ["锡林郭勒日报"]
    assert orgs("11月1日在北京卫视开播") == ["北京卫视"]
    assert orgs("吉安新闻网讯") == ["吉安新闻网"]
    assert orgs("据成都交警发布警情通报") == ["成都交警"]
    assert orgs("新闻网") == []


def test_a_party_committee_by_its_level_alone():
    assert orgs("市委书记许光友") == ["市委"]
    assert orgs("县委副书记、县长") == ["县委"]


def test_a_count_of_places_is_no_department():
    assert orgs("规范占道经营17处,乱搭乱挂96处") == []


def test_a_title_that_opens_with_a_known_name_names_no_body():
    assert orgs("区六届人大代表倪瑞明") == []
    assert orgs("全国人大代表") == []
    assert orgs("政协委员李四") == []
    assert orgs("全国人大常委会") == ["全国人大常委会"]


def test_a_title_ends_an_organisation_prefix():
    assert orgs("本报讯近日,市委书记王晓斌率队赴汇龙镇") == ["市委"]


def test_a_city_s_police_by_its_endings():
    assert orgs("昨日下午,泉州公安在微博上发布") == ["泉州公安"]
    assert orgs("安溪警方称,目前") == ["安溪警方"]
    assert orgs("公安机关依法处理") == []


def test_a_name_by_its_level_alone_stands_beside_the_one_before():
    assert orgs("市委市政府高度重视") == ["市委", "市政府"]
    assert orgs("北京市委市政府多次召开会议") == ["北京市委", "市政府"]
