"""The line classifier (ingest/furniture.py) and how the cleaner uses it, on small pages written for the test."""
from collections import Counter

import numpy as np

from ingest.clean import _line, _model_title, clean_article, squash, title_candidates
from ingest.furniture import DENSE, LABELS, TITLE_FEATURES, page_features, line_probabilities
from ingest.records import RawArticle

B1 = "5月12日上午,区卫生健康局组织辖区内各社区卫生服务中心开展健康义诊活动,为居民免费测量血压、血糖。"
B2 = "活动现场,医护人员向居民讲解慢性病防治知识,发放宣传资料三百余份,接受群众咨询一百余人次。"
B3 = "下一步,区卫生健康局将继续推进基层医疗服务能力提升,让群众在家门口享受优质医疗服务。"


def clean(lines):
    return clean_article(RawArticle(0, list(enumerate(lines))))


def rules(article):
    return {d.text: d.rule for d in article.dropped}


def test_features_are_one_row_per_line_and_depend_only_on_the_page():
    texts, nos = ["标题", B1, "服务热线:0571-12345678"], [0, 2, 4]
    x = page_features(texts, nos)
    assert x.shape[0] == 3 and x.shape[1] > len(DENSE)
    assert np.array_equal(x, page_features(list(texts), list(nos)))
    assert x[1, DENSE.index("prose")] == 1 and x[0, DENSE.index("above_prose")] == 1
    assert x[2, DENSE.index("below_prose")] == 1 and x[2, DENSE.index("contact_shape")] == 1
    probs = line_probabilities(texts, nos)
    assert probs.shape == (3, len(LABELS)) and np.allclose(probs.sum(axis=1), 1)


def test_a_footer_contact_line_goes_as_furniture_by_the_model():
    a = clean(["区卫生健康局开展健康义诊进社区活动", "发布时间:2023-05-12", B1, B2, B3,
               "服务热线:0571-12345678  电子邮箱:wsj@example.gov.cn"])
    assert [p.text for p in a.paragraphs] == [B1, B2, B3]
    assert rules(a)["服务热线:0571-12345678  电子邮箱:wsj@example.gov.cn"] == "furniture-model"


def test_a_bulleted_date_line_under_the_text_dates_the_article():
    a = clean(["社区义诊暖人心", B1, B2, B3, "• 發布日期: 2023-05-12", "• 點閱次數: 81"])
    assert a.published_date == "2023-05-12"
    assert rules(a) == {"社区义诊暖人心": "title", "• 發布日期: 2023-05-12": "metadata-model",
                        "• 點閱次數: 81": "furniture-model"}


def test_an_image_file_name_and_a_wechat_preview_label_go_by_their_rules():
    a = clean(["社区义诊暖人心", "2023年05月12日 10:20", B1, "IMG_20230512_102233.jpg", B2, B3, "预览时标签不可点"])
    assert [p.text for p in a.paragraphs] == [B1, B2, B3]
    assert rules(a)["IMG_20230512_102233.jpg"] == "image-file"
    assert rules(a)["预览时标签不可点"] == "wechat"


def test_a_credit_line_under_the_text_stays_the_byline():
    a = clean(["社区义诊暖人心", "2023-05-12", B1, B2, B3, "文/张丽"])
    assert a.paragraphs[-1].text == "文/张丽" and a.paragraphs[-1].kind == "byline"


def test_the_headline_under_a_site_bar_and_a_breadcrumb():
    a = clean(["某某区卫生健康局", "网站首页 > 新闻中心 > 基层动态", "社区义诊暖人心", "来源:区卫健局  时间:2023-05-12",
               B1, B2, B3])
    assert (a.title, a.published_date) == ("社区义诊暖人心", "2023-05-12")


def test_a_short_page_without_running_text_is_left_to_the_rules():
    a = clean(["核酸检测", "", "社区完成核酸检测采样工作。"])
    assert [p.text for p in a.paragraphs] == ["社区完成核酸检测采样工作。"]


def test_an_undated_article_takes_the_date_of_the_dateline_opening_its_text():
    a = clean(["社区义诊暖人心", "【某某台2009年11月1日讯】" + B1, B2, B3])
    assert a.published_date == "2009-11-01"


def test_an_undated_article_takes_a_full_date_from_a_short_line_without_a_sentence():
    a = clean(["社区义诊暖人心", B1, B2, B3, "《 某某日报 》( 2022年02月07日 04 版)"])
    assert a.published_date == "2022-02-07"


def test_the_ranker_chooses_the_headline_but_a_text_files_first_line_above_its_opening_label_stays():
    lines = [_line(no, t) for no, t in enumerate(["国际快讯", "本台消息：", "某国首家中资银行网点开业", B1, B2])]
    counts = Counter(squash(ln.norm) for ln in lines)
    sure_of_third = np.zeros((5, len(LABELS)))
    sure_of_third[:, LABELS.index("title")] = [0.05, 0.0, 0.9, 0.0, 0.0]
    sure_of_third[:, LABELS.index("body")] = [0.0, 0.0, 0.0, 1.0, 1.0]
    assert _model_title(lines, counts, 0, sure_of_third) == 0  # the page's first line stays the headline
    assert _model_title(lines, counts, None, sure_of_third) == 2


def test_the_headline_is_chosen_over_menu_lines_above_it():
    assert clean(["PDF版", "返回首页", "社区义诊暖人心", "发布时间:2023-05-12", B1, B2, B3]).title == "社区义诊暖人心"
    a = clean(["按Enter到主内容区", ":::", "现在位置 首页 > 公告讯息 > 最新消息", "• 友善列印", "社区开展健康义诊活动", B1, B2, B3])
    assert a.title == "社区开展健康义诊活动"


def test_the_headline_is_chosen_over_a_label_line_between_it_and_the_metadata():
    a = clean(["社区义诊暖人心", "封面区块链 该文章已上链 >", "某某新闻 2023-05-12 17:12", B1, B2, B3])
    assert a.title == "社区义诊暖人心"


def test_candidate_features_see_the_metadata_below_and_the_text_repeating_the_headline():
    lines = [_line(no, t) for no, t in enumerate(["Health News", "社区义诊活动", "发布时间:2023-05-12", B1, B2, B3])]
    probs = np.zeros((6, len(LABELS)))
    picked, x = title_candidates(lines, Counter(squash(ln.norm) for ln in lines), probs, 1)
    row = dict(zip(TITLE_FEATURES, x[picked.index(1)]))
    assert (row["meta_below"], row["first"], row["body_overlap"]) == (1.0, 0.0, 0.8)  # 诊活 is not in the text
    assert dict(zip(TITLE_FEATURES, x[picked.index(0)]))["body_overlap=0"] == 1.0


def test_an_undated_credit_line_the_model_calls_metadata_stays_in_the_text():
    a = clean(["社区义诊暖人心", "2023-05-12", "本报记者 张丽 摄影报道", B1, B2, B3])
    assert [p.text for p in a.paragraphs] == ["本报记者 张丽 摄影报道", B1, B2, B3]


def test_a_long_page_of_short_phrases_is_read_by_the_model_too():
    phrases = ["手足口病", "是由多种肠道病毒感染引起的", "儿童常见传染病", "好发年龄为5岁及以下婴幼儿", "1-2岁组发病率最高",
               "每年自3月下旬始", "手足口病疫情将逐渐上升", "4-6月份进入春夏季高发季节", "日前", "中国疾控中心发布提示"]
    a = clean(["中疾控:此病进入高发期!", "2023/04/04 11:27"] + phrases + ["新闻热线:025—83195900"])
    assert a.title == "中疾控:此病进入高发期!"
    assert [p.text for p in a.paragraphs] == phrases
    assert rules(a)["新闻热线:025—83195900"] == "furniture-model"


def test_a_bracketed_closing_credit_is_never_the_models_to_drop():
    a = clean(["社区开展健康义诊活动", "2023-05-12", B1, B2, B3, "（通讯员 钱晓燕 张国庆）"])
    assert a.paragraphs[-1].text == "（通讯员 钱晓燕 张国庆）" and a.authors == ["钱晓燕", "张国庆"]


def test_what_a_page_prints_around_the_headline_on_its_line_is_not_the_headline():
    from ingest.clean import bare_headline
    assert bare_headline("• 流感疫情未停歇 疾管署吁尽速接种") == "流感疫情未停歇 疾管署吁尽速接种"
    assert bare_headline("市卫健局:老年人应尽快接种新冠疫苗(1/3)") == "市卫健局:老年人应尽快接种新冠疫苗"
    assert bare_headline("佛山一中学103人感染诺如病毒 (10:33) – 20260117 – 两岸") == "佛山一中学103人感染诺如病毒"
    assert bare_headline("社区开展义诊活动 - 2023-05-12") == "社区开展义诊活动"
    # one short part after a bar may be the headline's own; a long one is a second headline
    assert bare_headline("健康科普 | 秋季养生") == "健康科普 | 秋季养生"
    assert bare_headline("热血暖春天 | 大瑶镇300余名志愿者撸袖献血") == "热血暖春天 | 大瑶镇300余名志愿者撸袖献血"
    assert bare_headline("(1/3)") == "(1/3)"


def test_a_decorated_headline_is_stored_bare_and_its_second_copy_is_not_text():
    a = clean(["社区义诊暖人心(1/2)", "发布时间:2023-05-12", "社区义诊暖人心(1/2)", B1, B2, B3])
    assert a.title == "社区义诊暖人心"
    assert [p.text for p in a.paragraphs] == [B1, B2, B3]


def test_the_headline_under_a_kicker_ending_in_a_dash_is_the_headline():
    a = clean(["社区推出延时接种服务——", "晚上也可打疫苗", "发布时间:2023-05-12", B1, B2, B3])
    assert a.title == "晚上也可打疫苗"


def test_a_search_box_label_under_the_first_line_is_not_a_news_texts_opening_label():
    from ingest.clean import OPENING_LABEL
    assert OPENING_LABEL.fullmatch("央视网消息（新闻联播）：") and OPENING_LABEL.fullmatch("本台消息：")
    assert OPENING_LABEL.fullmatch("本报讯：")
    assert not OPENING_LABEL.fullmatch("文章搜索:") and not OPENING_LABEL.fullmatch("关键词：")


def test_a_bulleted_metadata_line_is_metadata_and_the_line_above_it_the_headline():
    from ingest.clean import parse_meta_line
    assert parse_meta_line("• 日期:2017-09-12") == {"published": "2017-09-12"}
    a = clean(["服务百姓健康,我们在行动", "• 文:医务部", "• 日期:2017-09-12", B1, B2, B3])
    assert a.title == "服务百姓健康,我们在行动" and a.published_date == "2017-09-12"
    assert [p.text for p in a.paragraphs] == [B1, B2, B3]


def test_the_running_text_ends_before_a_closing_notice_the_model_calls_furniture():
    from ingest.clean import _walk_body, _Body, _line as line
    lines = [line(i, t) for i, t in enumerate([B1, B2, "更 多", "精彩图文", "转载请注明出处,未经许可不得转载。"])]
    body = _Body()
    probs = np.array([[0.9, 0, 0, 0, 0.1], [0.9, 0, 0, 0, 0.1], [0.3, 0, 0, 0, 0.7], [0.3, 0, 0, 0, 0.7],
                      [0.1, 0, 0, 0, 0.9]])
    _walk_body(lines, None, Counter(), body, probs)
    assert [ln.norm for ln, _ in body.kept] == [B1, B2]  # the widgets stand after the text, not inside it


def test_a_source_line_stays_for_its_organisation_whatever_the_model_says():
    from ingest.clean import _model_rule, _Body, _line as line
    sure = np.array([0.0, 0.0, 0.0, 0.0, 1.0])
    assert _model_rule(line(0, "本文来源: 卫生和计划生育委员会"), sure, False, _Body()) is None
    assert _model_rule(line(0, "分享到微信朋友圈"), sure, False, _Body()) == "furniture-model"
