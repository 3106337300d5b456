"""The name finder on its own (`ingest.extract.persons.person_finder()`): names by the cue beside them, and the
name shapes it builds on, on small Chinese strings."""
from ingest.extract.persons import MEDIUM, STRONG, WEAK, person_finder


def hits(text: str, bridges: dict[int, int] | None = None) -> list[tuple[str, str | None, int]]:
    """(name, role, strength) of every hit in `text`, in the order the finder makes them."""
    return [(h.name, h.role, h.strength) for h in person_finder().find(text, [], set(), set(), bridges=bridges)]


def test_a_title_before_the_name():
    assert ("李宏伟", "副院长", STRONG) in hits("副院长李宏伟介绍了情况。")


def test_a_title_after_the_name():
    assert hits("刘宇主任表示,") == [("刘宇", "主任", STRONG)]
    assert hits("在刘宇主任的带领下") == [("刘宇", "主任", STRONG)]


def test_stacked_titles_joined_over_an_organisation_are_one_role():
    text = "省委书记、省人大常委会主任王东峰出席。"
    assert ("王东峰", "省委书记、省人大常委会主任", STRONG) in hits(text, bridges={5: 11})
    chains = person_finder().title_chains(text, {5: 11})
    assert chains == [(0, 13, "省委书记、省人大常委会主任", False)]


def test_a_name_with_a_title_on_each_side_gets_both():
    assert [(n, r) for n, r, _ in hits("代表陈建国大使")] == [("陈建国", "代表"), ("陈建国", "大使")]


def test_a_list_after_a_titled_name_shares_its_title():
    assert ("郭伟", "副院长", MEDIUM) in hits("副院长牛晓红、郭伟参加。")


def test_names_in_a_list_beside_a_found_name():
    finder = person_finder()
    text = "岑志刚、富海燕、梅晓波参加"
    assert [text[s:e] for s, e in finder.list_neighbours(text, [(0, 3)], [(0, 3)], set())] == ["富海燕", "梅晓波"]
    text = "蒙志刚和韦春燕参加"
    assert [text[s:e] for s, e in finder.list_neighbours(text, [(0, 3)], [(0, 3)], set())] == ["韦春燕"]
    text = "万强、黎明等人"  # between `、` and `等` an item is a name even when it is also a word
    assert [text[s:e] for s, e in finder.list_neighbours(text, [(0, 2)], [(0, 2)], set())] == ["黎明"]


def test_a_speech_verb_after_the_name():
    assert hits("郭伟强调,要做好工作。") == [("郭伟", None, MEDIUM)]


def test_a_photo_position_after_the_name():
    assert hits("杨钰(中)在现场。") == [("杨钰", None, MEDIUM)]
    assert hits("张明(前排左二)与大家合影。") == [("张明", None, MEDIUM)]


def test_a_title_handed_over_by_as():
    assert hits("刘亮亮作为副领队带队。") == [("刘亮亮", "副领队", MEDIUM)]


def test_a_relation_word_gives_a_name_but_no_title():
    assert hits("妻子蒲秀琼说,") == [("蒲秀琼", None, MEDIUM)]


def test_dotted_names_after_a_title_or_at_a_boundary():
    assert hits("村医吐尔洪·阿西木说") == [("吐尔洪·阿西木", "村医", STRONG)]
    assert hits("吐尔洪·阿西木说,") == [("吐尔洪·阿西木", None, STRONG)]


def test_transliterated_foreign_names_beside_a_title():
    assert hits("外交部长普里马科夫等人") == [("普里马科夫", "外交部长", STRONG)]
    assert hits("克雷蒂安总理说") == [("克雷蒂安", "总理", STRONG)]


def test_a_portfolio_in_brackets_between_title_and_name():
    assert "陈家豪" in [n for n, _, _ in hits("总行政经理（质素及安全）陈家豪说")]


def test_byline_and_closing_authors():
    assert [(n, r) for n, r, _ in hits("记者 张丽 闫珊 通讯员 张倩云")][:3] == [
        ("张丽", "记者"), ("闫珊", "记者"), ("张倩云", "通讯员")]
    assert hits("守护人民群众的生命安全和身体健康!(姜晓萌 赵太迎)") == [("姜晓萌", None, STRONG), ("赵太迎", None, STRONG)]


def test_a_bare_three_character_name_between_punctuation_is_weak():
    assert ("王建国", None, WEAK) in hits(",王建国、李明华等参加。")


def test_a_surname_with_a_title_is_a_reference_left_unresolved():
    [hit] = person_finder().find("刘院长说,", [], set(), set())
    assert (hit.name, hit.ref_title, hit.start, hit.end) == ("刘", "院长", 0, 3)


def test_no_cue_no_name():
    assert hits("今天天气很好。") == []


def test_name_shapes():
    finder = person_finder()
    assert [finder.surname_len(n, 0) for n in ("欧阳晓婷", "王明", "的确")] == [2, 1, 0]
    assert finder.rejected("严峻") and finder.rejected("陈奶奶") and finder.rejected("王女士")
    assert not finder.rejected("李宏伟")
    assert finder.name_at("丁倩正在为大家服务", 0, STRONG) == (0, 2)  # 正在 ends the name
    assert finder.name_at("李宏伟介绍", 0, STRONG) == (0, 3)
    assert finder.name_before("濮阳卫东主任", 4, STRONG, set()) == (0, 4)  # the compound surname wins
    assert finder.foreign_ok("普里马科夫") and finder.foreign_ok("约翰·弗农") and not finder.foreign_ok("王明")
    assert not finder.foreign_ok("涅姆佐夫") and finder.foreign_ok("涅姆佐夫", wide=True)


def test_a_name_after_a_department_opening_a_clause_before_its_title():
    # `、儿科林瑜主任`: the finders know no organisation 儿科, but a short department opens the clause
    assert hits("医务部陈愉生主任、儿科林瑜主任、内科陈年慧副主任") == [
        ("陈愉生", "主任", STRONG), ("林瑜", "主任", STRONG), ("陈年慧", "副主任", STRONG)]


def test_a_name_ends_before_where_in_a_meeting_it_spoke():
    assert hits("宣传司副司长米锋会上表示") == [("米锋", "副司长", STRONG)]


def test_titles_stack_over_a_department_the_finders_do_not_know():
    assert hits("国家卫生健康委新闻发言人、宣传司副司长米锋会上表示") == [("米锋", "新闻发言人、宣传司副司长", STRONG)]
    # a unit whose name runs into the title (`市卫生健康局党组|书记` of 党组书记) still reaches it
    text = "市政协副主席,市卫生健康局党组书记、局长黄立红到热线"
    assert hits(text, {0: 3, 7: 15}) == [("黄立红", "副主席,市卫生健康局党组书记、局长", STRONG)]


def test_a_conjunction_before_a_stop_is_the_names_last_character():
    assert hits("秀传总裁黄明和、卫生局长叶彦伯") == [("黄明和", "总裁", STRONG), ("叶彦伯", "局长", STRONG)]
    assert hits("院长王明和副院长李四") == [("王明", "院长", STRONG), ("李四", "副院长", STRONG)]


def test_titles_of_taiwan_and_of_home_places():
    assert hits("国健署技正陈秀玫、乡长江淑芬") == [("陈秀玫", "技正", STRONG), ("江淑芬", "乡长", STRONG)]
    assert hits("两位党书记戴敏、汪秀伟及专家") == [("戴敏", "党书记", STRONG), ("汪秀伟", "党书记", MEDIUM)]
    assert ("范军强", "乡贤、医院党支部书记", STRONG) in hits("梅园村乡贤、医院党支部书记范军强")


def test_a_titled_name_keeps_the_title_it_is_given_after_it_too():
    assert hits("厅长杨敬担任卫生计生委党组书记、主任。")[0] == ("杨敬", "厅长；党组书记、主任", STRONG)
    assert hits("王明担任院长") == [("王明", "院长", MEDIUM)]


def test_a_title_that_would_split_a_word_yields_to_the_one_after_it():
    # `带领|队员`: 领队 is a title too, but 带领 is a word
    assert ("张鹏飞", "队员", MEDIUM) in hits("站长舒志刚带领队员张鹏飞、戴文涛")
    assert person_finder().title_chains("带领队员") == [(2, 4, "队员", True)]
    assert person_finder().title_chains("担任领队") == [(2, 4, "领队", False)]


def test_a_two_character_name_that_cuts_a_word_in_two_is_no_name():
    # 访问 is a word: 谈 is a verb here, not a surname
    assert hits("食物及卫生局局长谈访问台中") == []
    # a word that is also a name after a title stands, with a cue after it
    assert ("田野", "副局长", STRONG) in hits("副局长田野介绍")


def test_a_name_after_an_honour_runs_to_the_word_after_it_and_the_post_before_is_its_role():
    assert ("苏巴马念", "部长", STRONG) in hits("卫生部长拿督斯里苏巴马念透露,病毒已转型")
    assert ("苏巴马念", None, STRONG) in hits("拿督斯里苏巴马念也在现场。")
    assert ("李金友", None, STRONG) in hits("丹斯里李金友说")


def test_a_listed_name_with_a_title_of_its_own_after_it_keeps_that():
    assert [(n, r) for n, r, _ in hits("院长王五、张三主任")] == [("王五", "院长"), ("张三", "主任")]


def test_stacked_titles_run_past_a_units_other_name_in_brackets():
    text = "学校党委委员、副院长、附属医院(临床医学院)党委书记甘立军出席。"
    assert ("甘立军", "党委委员、副院长、附属医院(临床医学院)党委书记", STRONG) in hits(text, bridges={11: 15, 16: 21})


def test_a_title_with_a_name_right_after_it_takes_no_name_run_into_it_before():
    # 卫福部 is the minister's unit, not a person: the post is the name's after it
    assert [(n, r) for n, r, _ in hits("与卫福部长石崇良现场接种")] == [("石崇良", "部长")]
    assert [(n, r) for n, r, _ in hits("坦桑尼亚桑给巴尔总统姆维尼出席")] == [("姆维尼", "总统")]
    # a name before a title with none after it stands
    assert hits("刘宇主任表示,") == [("刘宇", "主任", STRONG)]


def test_a_post_before_a_list_of_units_is_the_name_after_them_too():
    text = "研究所所长、中国协和医科大学、中国医学科学院和北京大学医学部黎健教授、复旦大学研究所欧周罗教授"
    units = {6: 14, 15: 22, 23: 30, 35: 42}
    found = [(h.name, h.role) for h in person_finder().find(text, [], set(units.values()), set(), bridges=units)]
    assert ("黎健", "所长、教授") in found and ("欧周罗", "教授") in found  # 教授 before the units is 黎健's
    # a post with a name right before it is that name's
    found = person_finder().find("李明院长、北京大学王五教授出席", [], {9}, set(), bridges={5: 9})
    assert [(h.name, h.role) for h in found] == [("李明", "院长"), ("王五", "教授")]


def test_the_copula_hands_a_name_the_post_after_it_unless_a_name_follows_the_post():
    assert ("苏巴马念", "国会议员", STRONG) in hits("拿督斯里苏巴马念也是国大党昔加末区国会议员。")
    assert person_finder().handed_role("王五是市长李四的秘书", 2, [(3, 5, "市长")], {5}) is None
    assert person_finder().handed_role("王五是该院院长", 2, [(5, 7, "院长")], set()) == "院长"


def test_a_name_before_a_title_stands_when_what_follows_the_title_is_words():
    # 关心基 opens with a word (关心) and ends inside one (基层): no name to take the title from 习近平
    assert ("习近平", "主席", STRONG) in hits("统帅的深情牵挂——习近平主席关心基层部队官兵纪实")
