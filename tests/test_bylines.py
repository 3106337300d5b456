"""Bylines: the byline of an article's metadata and lines, and the names a byline gives inside a paragraph."""
from ingest.extract.bylines import (byline_line, byline_name_ok, byline_names, byline_people, closing_byline, credit_line,
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
    # the label is the role (`作者`, `文字`: the gold's convention), but a source's department is none
    assert [(p.name, p.role) for p in byline_people("作者:胡蓉; 宣传科 张阳; 文字丨邬建军")] == [
        ("胡蓉", "作者"), ("张阳", None), ("邬建军", "文字")]


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


def test_a_role_word_with_its_paper_before_it_is_that_role():
    assert [(p.name, p.role) for p in byline_people("湖南日报全媒体记者 蒋睿 郭宸")] == [("蒋睿", "记者"), ("郭宸", "记者")]
    assert named("(本报通讯员 成和平 摄影报道)") == [("成和平", "通讯员、摄影")]


def test_a_closing_word_gives_its_role_to_the_names_before_it_without_one():
    # ... and stacks it onto a role word's (what every name of the credit did), written out (摄 → 摄影)
    assert [(p.name, p.role) for p in byline_people("记者 裕隆 通讯员 眭志祥 摄")] == [
        ("裕隆", "记者、摄影"), ("眭志祥", "通讯员、摄影")]
    assert [(p.name, p.role) for p in byline_people("崔国萁摄")] == [("崔国萁", "摄影")]
    # a word that is both gives its role to the names after it too
    assert [(p.name, p.role) for p in byline_people("摄影:张三 李四")] == [("张三", "摄影"), ("李四", "摄影")]
    assert [(p.name, p.role) for p in byline_people("曾雅燕 郭陈新 摄影")] == [("曾雅燕", "摄影"), ("郭陈新", "摄影")]
    assert named("周成龙 张雷 摄影报道") == [("周成龙", "摄影"), ("张雷", "摄影")]


def test_a_credit_closing_a_paragraph_after_its_last_sentence():
    assert named("以群众喜闻乐见的形式宣传服务。曾雅燕 郭陈新 李崴 摄") == [("曾雅燕", "摄影"), ("郭陈新", "摄影"), ("李崴", "摄影")]
    assert named("工作有序进行。相关报道详见第二版 本报记者 郭俊峰 荆天旭") == [("郭俊峰", "本报记者"), ("荆天旭", "本报记者")]
    # names with no role word before them and no closing word after them are no credit
    assert named("工作有序进行。郭俊峰 荆天旭") == []
    assert named("我们看到了 王芳 摄") == []


def test_a_reporter_in_a_dateline_written_in_one_run_ends_at_a_known_place():
    assert named("【侨报记者崔国萁纽约报道】由华人联合会主办") == [("崔国萁", "记者")]
    assert named("他在记者会上表示") == []


def test_after_a_role_word_in_a_byline_a_name_needs_only_its_shape():
    assert byline_name_ok("裕隆", after_role=True, labelled=True) and not byline_name_ok("裕隆", after_role=True)
    assert not byline_name_ok("宣传科", after_role=True, labelled=True)
    assert not byline_name_ok("摄影报道", after_role=True, labelled=True)


def test_credits_on_page_furniture_lines():
    assert credit_line("(责编:牛镛、岳弘彬)") == "责编:牛镛、岳弘彬"
    assert credit_line("【纠错】 责任编辑: 白羽") == "责任编辑:白羽"
    assert credit_line("本版编辑：张三 校对：李四") == "本版编辑:张三; 校对:李四"
    assert credit_line("责任编辑:新华网") is None  # not a name
    assert credit_line("图为张三(中)") is None


def test_whose_name_a_byline_role_vouches_for():
    from ingest.extract.bylines import byline_person_ok
    assert byline_person_ok("裕隆", "记者")  # a journalist's role: the shape is enough
    assert not byline_person_ok("企鹅号", "作者") and byline_person_ok("胡蓉", "作者")  # 作者 may credit an account
    assert not byline_person_ok("澎湃新闻·澎湃号·政务", None) and byline_person_ok("张阳", None)


def test_a_role_word_its_paper_and_a_closing_word_may_all_be_run_on_to_the_name():
    people = byline_people("本报记者董芳忠摄影报道")
    assert [(p.name, p.role, p.start, p.end) for p in people] == [("董芳忠", "本报记者、摄影", 4, 7)]
    assert [(p.name, p.role) for p in byline_people("湖南日报全媒体记者王强")] == [("王强", "记者")]
    assert named("本报记者董芳忠摄影报道") == [("董芳忠", "本报记者、摄影")]
    assert named("文/本报记者王强 通讯员李明") == [("王强", "本报记者"), ("李明", "通讯员")]


def test_a_name_run_on_to_the_next_label_keeps_the_role_before_it():
    # `作者:甲 乙责任编辑:丙`: 乙 is an author, 丙 the editor
    assert [(p.name, p.role) for p in byline_people("作者:张丽 王强责任编辑:刘伟")] == [
        ("张丽", "作者"), ("王强", "作者"), ("刘伟", "责任编辑")]
    assert named("作者:张丽 王强责任编辑:刘伟") == [("张丽", "作者"), ("王强", "作者"), ("刘伟", "责任编辑")]
    assert [(p.name, p.role) for p in byline_people("作者:陈磊来源:安康市疾控中心")] == [("陈磊", "作者")]
    # a label that is itself a longer label (责任编辑 is not 责任 + 编辑), and one with no mark after it
    assert [(p.name, p.role) for p in byline_people("新华网; 责任编辑:白羽")] == [("白羽", "责任编辑")]
    assert byline_people("记者 王强编辑") == []  # no mark after it: no label


def test_a_two_character_name_spaced_out_is_one_name():
    # `作者:王 博`: pages space a two-character name out to the width of a three-character one
    people = byline_people("信阳新闻网 作者:王 博")
    assert [(p.name, p.role, p.start, p.end) for p in people] == [("王博", "作者", 9, 12)]
    assert [(p.name, p.role) for p in byline_people("作者:王\u3000博 来源:新华网")] == [("王博", "作者")]
    assert byline_people("来 源:新华网") == []  # two characters that make no name are read as the word


def test_the_review_chain_under_the_text_gives_roles():
    assert [(p.name, p.role) for p in byline_people("编辑:王君 审核:陈芳 终审:沈旻雁")] == [
        ("王君", "编辑"), ("陈芳", "审核"), ("沈旻雁", "终审")]
    assert named("责编:马黎明 编发:金芳") == [("马黎明", "责编"), ("金芳", "编发")]
    assert credit_line("终审:沈旻雁") == "终审:沈旻雁"


def test_after_a_journalists_role_in_brackets_a_name_needs_only_its_shape_and_no_word():
    # 沐 is no listed surname: the role vouches for the name, as in a metadata byline
    assert named("按时接种。(记者董瑞丰、沐铁城)") == [("董瑞丰", "记者"), ("沐铁城", "记者")]
    assert named("(记者 现场 报道)") == []  # 现场 is a word (a pair written inside one word)
    assert named("（作者 扬眼 企鹅号）") == []  # 作者 may credit an account


def test_a_spaced_name_may_follow_a_role_word_run_on_to_it():
    # `本报讯 (记者俞 欣)`: the role word, then the name spaced out to three widths
    people = byline_people("记者俞 欣; 健康报")
    assert [(p.name, p.role, p.start, p.end) for p in people] == [("俞欣", "记者", 2, 5)]
    assert byline_names("记者俞 欣") == ["俞欣"]
    # two spaced characters that make no name are no name (`【字体：大 中 小】`)
    assert [p.name for p in byline_people("作者:县卫健委办公室 【字体：大 中 小】; 编辑:马丽")] == ["马丽"]


def test_credits_in_a_paragraph_and_in_the_metadata_are_read_by_one_label_value_parser():
    from ingest.extract.bylines import label_values, _loose_values
    text = "文/本报记者王强 通讯员李明; 编辑:张三"
    assert [(p.name, p.role) for p in label_values(text, 2, len(text), None, _loose_values())] == [
        ("王强", "本报记者"), ("李明", "通讯员"), ("张三", "编辑")]
    assert named(text) == [("王强", "本报记者"), ("李明", "通讯员"), ("张三", "编辑")]


def test_a_reporter_in_brackets_opening_the_text_before_a_place_the_lists_do_not_know():
    assert named("〔记者周为政溪州报导〕彰化县溪州乡卫生所") == [("周为政", "记者")]
    assert named("【记者林郁婷台北报导】今天") == [("林郁婷", "记者")]
    assert named("他说记者周为政溪州报导") == []  # not opening the text in brackets: a known place is needed


def test_a_name_a_role_word_vouches_for_is_no_town_guessed_from_its_last_character():
    from ingest.extract.entities import extract_entities
    found = extract_entities(None, ["本报记者 吴奕镇 曹志成 摄"])
    assert [(m.name, m.role) for m in found if m.type == "person"] == [("吴奕镇", "本报记者、摄影"), ("曹志成", "本报记者、摄影")]
    assert [m.name for m in found if m.type == "place"] == []
    found = extract_entities(None, ["记者 王五 来源:东山镇"])
    assert [m.name for m in found if m.type == "place"] == ["东山镇"]


def test_two_role_words_joined_by_a_slash_are_one_label():
    assert [(p.name, p.role) for p in byline_people("文/图 张伟")] == [("张伟", "文/图")]
    assert [(p.name, p.role) for p in byline_people("图/文:张伟")] == [("张伟", "图/文")]
    assert named("文/图 张伟") == [("张伟", "文/图")]
    assert named("文/本报记者王强") == [("王强", "本报记者")]  # a role word after the mark: no compound


def test_names_first_then_what_they_did():
    # `张伟 文 李娜 图`: a role word after names that have none closes them, and opens nothing
    assert [(p.name, p.role) for p in byline_people("张伟 文 李娜 图")] == [("张伟", "文"), ("李娜", "图")]
    assert [(p.name, p.role) for p in byline_people("张伟 李娜 文/图")] == [("张伟", "文/图"), ("李娜", "文/图")]
    # after a label or a department the role word opens the next names as before
    assert [(p.name, p.role) for p in byline_people("宣传科 张阳 记者 李四")] == [("张阳", None), ("李四", "记者")]
    assert [(p.name, p.role) for p in byline_people("文 张伟 图 李娜")] == [("张伟", "文"), ("李娜", "图")]


def test_a_spaced_out_label_is_read_closed_up():
    from ingest.extract.bylines import closed_up_labels
    assert closed_up_labels("记 者:朱炽吉、罗林坤") == "记者 :朱炽吉、罗林坤"
    assert closed_up_labels("责 任 编 辑：王五") == "责任编辑   ：王五"
    assert closed_up_labels("记 者 张三") == "记 者 张三"  # no label mark: not a label
    assert named("记 者:朱炽吉、罗林坤") == [("朱炽吉", "记者"), ("罗林坤", "记者")]
    assert named("编 审:罗林坤") == [("罗林坤", "编审")]


def test_a_newsroom_before_the_role_word_and_a_spaced_name_after_it():
    from ingest.extract.entities import extract_entities
    found = extract_entities(None, ["凤凰新闻中心 记者 詹钧名 詹丰瑞 通讯员 董 军"])
    assert [(m.name, m.role, m.surface) for m in found if m.type == "person"] == [
        ("詹钧名", "记者", "詹钧名"), ("詹丰瑞", "记者", "詹丰瑞"), ("董军", "通讯员", "董 军")]
    found = extract_entities(None, ["本报记者 王 冰 摄"])
    assert [(m.name, m.role, m.start, m.end) for m in found if m.type == "person"] == [("王冰", "本报记者、摄影", 5, 8)]


def test_a_semicolon_typed_for_the_colon_of_a_label_before_one_name_ending_the_line():
    assert named("责任编辑;白岚") == [("白岚", "责任编辑")]
    assert named("责任编辑；白岚 王五") == []  # more than one name after it: no label read
