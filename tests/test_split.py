from ingest.split import split_articles


def test_a_file_without_headlines_is_one_article():
    arts = split_articles("标题\n\n正文一。\n正文二。")
    assert len(arts) == 1 and arts[0].heading is None
    assert [t for _, t in arts[0].lines] == ["标题", "", "正文一。", "正文二。"]


def test_headlines_open_articles_with_positions():
    text = "## 第一篇\n正文一。\n## 第二篇\n正文二。\n## 第三篇\n正文三。"
    arts = split_articles(text)
    assert [(a.seq, a.heading) for a in arts] == [(0, "第一篇"), (1, "第二篇"), (2, "第三篇")]
    assert arts[1].lines == [(2, "## 第二篇"), (3, "正文二。")]


def test_a_headline_repeated_above_itself_opens_one_article():
    text = "\n## 太原市血液中心慰问一线\n\n\n## 太原市血液中心慰问一线\n\n正文。\n## 另一篇\n正文。"
    arts = split_articles(text)
    assert [a.heading for a in arts] == ["太原市血液中心慰问一线", "另一篇"]


def test_text_before_the_first_headline_is_its_own_article():
    arts = split_articles("导语正文。\n## 第一篇\n正文。")
    assert [(a.seq, a.heading) for a in arts] == [(0, None), (1, "第一篇")]


PAPER_PAGE = "\n".join([
    "临江日报数字报", "", "2023年9月12日　星期二", "第A06版：健康·民生", "", "版面导航　　上一版　　下一版　　PDF下载", "",
    "本版标题导航：", "· 家庭医生“签”出健康获得感", "· 市中心血站开展“中秋献热血”活动", "",
    "家庭医生“签”出健康获得感", "", "　　“黄阿姨，最近血压控制得怎么样？”9月8日上午，医生来到居民家中。", "",
    "市中心血站开展“中秋献热血”活动", "", "　　本报讯 9月10日，市中心血站开展主题献血活动。",
])


def test_a_newspaper_page_listing_its_headlines_splits_where_they_are_printed_again():
    articles = split_articles(PAPER_PAGE)
    assert [(a.seq, a.heading, a.lines[0][0]) for a in articles] == [
        (0, "家庭医生“签”出健康获得感", 0), (1, "市中心血站开展“中秋献热血”活动", 15)]
    # the masthead with its navigation and headline list is every article's page header, not an article
    assert articles[1].page_header == ["临江日报数字报", "2023年9月12日　星期二", "第A06版：健康·民生",
                                       "版面导航　　上一版　　下一版　　PDF下载", "本版标题导航：",
                                       "· 家庭医生“签”出健康获得感", "· 市中心血站开展“中秋献热血”活动"]


def test_a_bulleted_list_whose_items_are_not_printed_again_does_not_split():
    text = "\n".join(["标题", "· 第一条措施要落实到位", "· 第二条措施要落实到位", "正文第一段。", "正文第二段。"])
    assert len(split_articles(text)) == 1


def test_headlines_listed_under_a_label_without_bullets_split_the_page_too():
    page = "\n".join([
        "东江晚报数字报刊平台", "", "【第05版：城事】　　2023年12月5日", "", "上一版　　下一版　　返回首页", "",
        "标题导航", "“红马甲”十年守护社区老人", "流感进入高发期 儿科门诊量明显上升", "",
        "“红马甲”十年守护社区老人", "", "　　12月5日是第38个国际志愿者日。", "",
        "流感进入高发期 儿科门诊量明显上升", "", "　　记者从市妇幼保健院了解到，儿科门诊量明显上升。",
    ])
    articles = split_articles(page)
    assert [(a.heading, a.lines[0][0]) for a in articles] == [
        ("“红马甲”十年守护社区老人", 0), ("流感进入高发期 儿科门诊量明显上升", 14)]
    assert "标题导航" in articles[0].page_header


def test_a_newspaper_page_without_a_headline_list_splits_at_headlines_over_bylines():
    page = "\n".join([
        "河南日报", "2024年5月20日　星期一", "06　民生·健康", "",
        "我省“万名医师下基层”行动启动", "", "　　本报讯（记者 常雪梅）5月18日，行动启动会在郸城县召开。", "",
        "一、选派医师", "", "　　今年将选派1万名医师。", "",
        "健康小屋“开”到家门口", "", "　　文/图 本报记者 韦晓光", "", "　　5月19日一早，健康小屋里就热闹起来。",
    ])
    articles = split_articles(page)
    # the sub-heading 一、选派医师 has no byline under it: it stays inside the first article
    assert [(a.heading, a.heading_line) for a in articles] == [
        ("我省“万名医师下基层”行动启动", 4), ("健康小屋“开”到家门口", 12)]
    assert articles[0].page_header == ["河南日报", "2024年5月20日　星期一", "06　民生·健康"]


def test_one_headline_over_a_byline_is_one_article():
    page = "\n".join(["家庭医生签约服务", "", "　　文/图 本报记者 韦晓光", "", "　　正文。"])
    assert len(split_articles(page)) == 1


def test_a_headline_with_its_byline_on_the_very_next_line_opens_an_article_too():
    page = "\n".join([
        "滨江晚报", "2023年11月8日 星期三 A06 城事·健康", "", "三甲医院专家进社区 百余居民家门口看名医",
        "本报记者 邱雅琴  通讯员 包晓东", "", "11月7日上午，义诊活动走进社区。", "",
        "市疾控提醒：流感进入高发期", "", "本报讯（记者 华晓峰）记者昨日从市疾控中心获悉。",
    ])
    assert [(a.heading, a.heading_line) for a in split_articles(page)] == [
        ("三甲医院专家进社区 百余居民家门口看名医", 3), ("市疾控提醒：流感进入高发期", 8)]


B1 = "1月15日，国家药品监督管理局发布公告，参苏感冒片由处方药转为非处方药，相关企业需按时完成说明书修订。"
B2 = "1月12至13日，国家卫生健康委员会主任率团访问中国香港，与特区政府官员会面并出席多场活动。"
B3 = "1月15日，国家药品监督管理局发布公告，化学药品和生物制品全面实施电子通用技术文档申报。"


def test_a_page_of_stories_each_opening_with_its_day_splits_at_their_headlines():
    page = "\n".join(["", "参苏感冒片转为非处方药", B1, "", "国家卫生健康委主任", "雷海潮率团访问香港", B2, "",
                      "化学药品全面实施电子申报", B3])
    articles = split_articles(page)
    # a headline printed over two lines is one, and the article opens at its first line
    assert [(a.heading, a.heading_line, a.lines[0][0]) for a in articles] == [
        ("参苏感冒片转为非处方药", 1, 0), ("国家卫生健康委主任雷海潮率团访问香港", 5, 4), ("化学药品全面实施电子申报", 8, 8)]


def test_a_teaser_of_the_first_story_above_it_is_no_article_of_its_own():
    page = "\n".join([B1[:30], "", "参苏感冒片转为非处方药", B1, "", "化学药品全面实施电子申报", B3, "", "国家卫生健康委主任率团访问香港", B2])
    articles = split_articles(page)
    assert [a.heading for a in articles] == ["参苏感冒片转为非处方药", "化学药品全面实施电子申报", "国家卫生健康委主任率团访问香港"]
    assert articles[0].lines[0] == (0, B1[:30])


def test_numbered_sections_of_one_article_with_dated_ledes_do_not_split():
    page = "\n".join(["某市公布哄抬价格典型案例", "", "一、某药店哄抬口罩价格案", B1, "", "二、某公司哄抬酒精价格案", B3])
    assert len(split_articles(page)) == 1


def test_one_story_opening_with_its_day_under_its_headline_is_one_article():
    assert len(split_articles("\n".join(["参苏感冒片转为非处方药", B1, B3]))) == 1


def test_short_lines_over_dated_ledes_under_an_articles_own_text_are_its_sub_headings():
    page = "\n".join(["某市医院筑牢防疫屏障", "", "医院上下齐心协力，筑牢防疫屏障，守护群众生命健康，各项工作有序推进。", "",
                      "这是一支甘于奉献的队伍", B1, "", "集结队伍再出发", B3, "", "物资保障不断线", B2])
    assert len(split_articles(page)) == 1


def test_sections_of_several_paragraphs_opening_with_their_day_do_not_split():
    page = "\n".join(["这是一支甘于奉献的队伍", B1, B2, "", "集结队伍再出发", B3, B2, "", "物资保障不断线", B1, B3])
    assert len(split_articles(page)) == 1


def test_two_one_paragraph_stories_opening_with_their_day_are_too_few_to_split():
    assert len(split_articles("\n".join(["参苏感冒片转为非处方药", B1, "", "化学药品全面实施电子申报", B3]))) == 1


P1 = "本港昨日踏入冬季流感高峰期，較去年高峰期提前一周殺到，衞生署料未來數周相關個案將持續上升。"
P2 = "衞生防護中心表示，本港已踏入冬季流感高峰期，今年截至昨日為止有十名流感病人死亡。"
P3 = "疾管署今日公布，中部地區新增2例新生兒腸病毒重症病例，均為新生男嬰，分別出生5天及8天。"


def test_two_notices_on_one_page_each_with_headline_date_and_link_are_two_articles():
    text = "\n".join(["最新消息", "", "冬季流感高峰殺到", "2019-01-03", P1, "瀏覽全文", "",
                     "本港進入冬季流感高峰期", "2018-01-10", P2, "瀏覽全文", "更多"])
    arts = split_articles(text)
    assert [(a.heading, a.lines[0][0]) for a in arts] == [("冬季流感高峰殺到", 0), ("本港進入冬季流感高峰期", 7)]
    assert arts[0].lines[-2:] == [(5, "瀏覽全文"), (6, "")]  # the link closing an item is the item's


def test_dated_summaries_with_no_headline_are_articles_without_one():
    text = "\n".join(["2025-10-02 11:59", P1, "2025-10-01 15:56", P2, "2025-09-02 15:12", P3])
    arts = split_articles(text)
    assert [(a.heading, a.lines[0][1]) for a in arts] == [
        (None, "2025-10-02 11:59"), (None, "2025-10-01 15:56"), (None, "2025-09-02 15:12")]


def test_teasers_cut_short_under_headlines_are_articles():
    text = "\n".join(["醫院要聞", "醫院獲州總工會表彰", P1[:30], "泌尿外科成功開展首例手術", P2[:30],
                      "醫院召開等級復審工作會議", P3[:30]])
    assert [a.heading for a in split_articles(text)] == ["醫院獲州總工會表彰", "泌尿外科成功開展首例手術", "醫院召開等級復審工作會議"]


def test_lines_of_text_each_ending_in_an_ellipsis_are_teasers_and_else_paragraphs():
    teasers = "\n".join(p[:32] + "⋯" for p in (P1, P2, P3))
    assert len(split_articles(teasers)) == 3
    assert len(split_articles("\n".join((P1, P2, P3)))) == 1


def test_an_articles_sub_headings_do_not_split_it():
    dated = "\n".join(["流感高峰期到來", "2019-01-03", P1, "醫生提醒", P2, "疫苗接種", P3])
    undated = "\n".join(["流感高峰期到來", P1, "醫生提醒", P2, "疫苗接種", P3])
    assert len(split_articles(dated)) == 1 and len(split_articles(undated)) == 1


def test_a_text_printed_twice_or_a_headline_between_teasers_is_no_list():
    twice = "\n".join(["聚焦洛川小統籌實驗", "2005年12月24日 - 新浪新聞", P1[:40] + "...", "詳情", P1[:40] + "..."])
    assert len(split_articles(twice)) == 1
    headed = "\n".join(["平安過好年", P1[:40] + "...", P2[:36], P3[:40] + "..."])  # a headline shaped like text
    assert len(split_articles(headed)) == 1


def test_two_lines_of_text_each_ending_in_an_ellipsis_are_two_teasers():
    assert len(split_articles("\n".join([P1[:40] + "...", P2[:40] + "..."]))) == 2
