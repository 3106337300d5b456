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
