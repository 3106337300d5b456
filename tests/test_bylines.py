"""Bylines: the byline of an article's metadata and lines, and the names a byline gives inside a paragraph."""
from ingest.extract.bylines import (byline_line, byline_name_ok, byline_names, byline_people, closing_byline,
                            dateline_byline)
from ingest.extract.persons import person_finder


def named(text: str) -> list[tuple[str, str | None]]:
    """(name, role) of the byline names the name finder reads in `text`."""
    return [(text[s:e], role) for s, e, role in person_finder().bylines.spans(text, set())]


def test_byline_names_skip_roles_and_departments():
    assert byline_names("记者 黄晶 张丹丹 通讯员 孙丽娜 魏勇") == ["黄晶", "张丹丹", "孙丽娜", "魏勇"]
    assert byline_names("宣传科 张阳 党院办 高冰") == ["张阳", "高冰"]
    assert byline_names("记者张丽") == ["张丽"]
    assert byline_names("志愿者服务队") == []


def test_byline_people_carry_the_role_word_before_them():
    people = byline_people("天山健康网; 作者:记者 马骁 通讯员 热娜古丽·艾则孜; 编辑:侯佳")
    assert [(p.name, p.start, p.end, p.role) for p in people] == [
        ("马骁", 13, 15, "记者"), ("热娜古丽·艾则孜", 20, 28, "通讯员"), ("侯佳", 33, 35, "编辑")]
    assert [(p.name, p.role) for p in byline_people("作者:胡蓉; 宣传科 张阳; 文字丨邬建军")] == [
        ("胡蓉", None), ("张阳", None), ("邬建军", None)]


def test_a_byline_line_is_the_part_after_its_label():
    assert byline_line("文/宣传科 张阳") == "宣传科 张阳"
    assert byline_line("责任编辑:王五") == "王五"
    assert byline_line("文字丨邬建军") == "邬建军"
    assert byline_line("文化是根") is None


def test_a_dateline_gives_the_byline_in_its_brackets():
    assert dateline_byline("本报讯(记者 张丽 闫珊 通讯员 张倩云)近日,") == "记者 张丽 闫珊 通讯员 张倩云"
    assert dateline_byline("新华社北京3月5日电(记者 王五)今天") == "记者 王五"
    assert dateline_byline("〔记者林郁婷／台北报导〕今天") == "记者林郁婷"
    assert dateline_byline("今天本报讯") is None


def test_authors_in_brackets_closing_a_paragraph_are_a_byline():
    assert closing_byline("守护人民群众的生命安全!(姜晓萌 赵太迎)") == ("姜晓萌 赵太迎", False)
    assert closing_byline("(记者 赵敏 通讯员 孙伟)") == ("记者 赵敏 通讯员 孙伟", True)


def test_brackets_holding_anything_but_names_close_no_byline():
    assert closing_byline("图为张医生(中)") is None
    assert closing_byline("各家单位(含社区卫生服务中心)") is None


def test_the_name_finder_reads_a_bracketed_byline_with_its_roles():
    assert named("(记者 张丽 闫珊 通讯员 张倩云)") == [("张丽", "记者"), ("闫珊", "记者"), ("张倩云", "通讯员")]


def test_a_byline_line_ends_at_page_furniture_and_a_role_may_be_glued_to_the_name():
    assert named("文/记者张丽 编辑:李四 发布时间 2022") == [("张丽", "记者"), ("李四", "编辑")]


def test_after_a_role_word_a_common_surname_with_an_ordinary_word_is_a_name():
    assert named("记者 宁静 通讯员 王五") == [("宁静", "记者"), ("王五", "通讯员")]


def test_a_department_in_a_byline_is_no_name():
    assert named("文/宣传科 张阳") == [("张阳", None)]


def test_the_name_finder_reads_the_authors_closing_a_paragraph():
    text = "守护人民群众的生命安全和身体健康!(姜晓萌 赵太迎)"
    assert [text[s:e] for s, e in person_finder().bylines.trailing(text, set())] == ["姜晓萌", "赵太迎"]
    assert person_finder().bylines.trailing("各家单位(含社区 卫生中心)", set()) == []


def test_a_byline_token_is_a_name_by_its_shape():
    assert byline_name_ok("欧阳晓婷") and byline_name_ok("热娜古丽·艾则孜")
    assert not byline_name_ok("字号") and not byline_name_ok("宣传科")
    assert not byline_name_ok("宁静") and byline_name_ok("宁静", after_role=True)
