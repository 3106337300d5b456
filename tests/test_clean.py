"""One test per cleaning rule, on small Chinese strings."""
import pytest

from collections import Counter

from ingest.clean import (_authors, _headline, _line, _page_above, _paragraphs, _repeats_title, _text_bylines,
                          clean_article, label_line, parse_meta_line, squash)
from ingest.records import Paragraph, RawArticle

BODY = "自4月22日本轮疫情以来,医院党委始终坚持疫情就是命令,防控就是责任,把疫情防控工作放在第一位。"
BODY2 = "在院党委的有力指挥下,各党支部闻令而动,党员干部纷纷响应,积极参加志愿服务,争当疫情防控排头兵。"


def clean(text: str, heading: str | None = None):
    return clean_article(RawArticle(seq=0, lines=list(enumerate(text.split("\n"))), heading=heading))


def rules(article):
    return {d.text: d.rule for d in article.dropped}


def texts(article):
    return [p.text for p in article.paragraphs]


PAGE = "\n".join([
    "北京市延庆医院", "内网OA | 手机版", "正在获取日期...", "您所在的位置: 首页 >>医院动态 >>医院新闻 >> 正文",
    "医院动态", "医院新闻", "延庆区医院筑牢疫情防控战斗堡垒", "来源:宣传科 张阳 党院办 高冰 发布时间:2022-06-07 11:22:27",
    "字号:", "+-14", "浏览次数:", BODY, "图片16.jpg", BODY2, "文/宣传科 张阳 党院办 高冰", "图/志愿者服务队",
    "上一篇: 延庆区医院护理志愿服务队走进校园", "下一篇: 守护视界", "相关文章| 相关科室| 相关医生",
])


def test_page_chrome_before_around_and_after_the_body_is_dropped_with_its_rule():
    a = clean(PAGE)
    assert a.title == "延庆区医院筑牢疫情防控战斗堡垒"
    assert texts(a) == [BODY, BODY2, "文/宣传科 张阳 党院办 高冰", "图/志愿者服务队"]
    assert rules(a) == {
        "北京市延庆医院": "site-name", "内网OA | 手机版": "nav-bar", "正在获取日期...": "loading",
        "您所在的位置: 首页 >>医院动态 >>医院新闻 >> 正文": "breadcrumb", "医院动态": "section-name",
        "医院新闻": "section-name", "延庆区医院筑牢疫情防控战斗堡垒": "title",
        "来源:宣传科 张阳 党院办 高冰 发布时间:2022-06-07 11:22:27": "metadata", "字号:": "font-size",
        "+-14": "font-size", "浏览次数:": "view-count", "图片16.jpg": "image-file",
        "上一篇: 延庆区医院护理志愿服务队走进校园": "prev-next", "下一篇: 守护视界": "prev-next",
        "相关文章| 相关科室| 相关医生": "related",
    }


def test_metadata_line_gives_date_time_site_and_byline():
    a = clean(PAGE)
    assert (a.published_date, a.published_time) == ("2022-06-07", "11:22:27")
    assert a.site == "北京市延庆医院"
    assert a.byline == "宣传科 张阳 党院办 高冰; 志愿者服务队"
    assert a.authors == ["张阳", "高冰"]
    assert [p.kind for p in a.paragraphs] == ["body", "body", "byline", "byline"]


@pytest.mark.parametrize("line, rule", [
    ("分享到:", "share"), ("相關文章:", "related"), ("免责声明:本文仅代表作者观点。", "disclaimer"),
    ("举报邮箱:someone@qq.com,如涉及版权问题,请联系。", "report"), ("版权所有 某某医院", "copyright"),
])
def test_tail_markers_end_the_article(line, rule):
    a = clean("\n".join(["标题在此处", BODY, line, "这一行也是页面的一部分"]))
    assert texts(a) == [BODY]
    assert rules(a)[line] == rule
    assert rules(a)["这一行也是页面的一部分"] == rule


def test_headline_repeated_as_image_alt_text_leaves_one_title_and_no_repeats():
    title = "【致敬】以坚强的后勤保障践行责任担当!"
    a = clean("\n".join([title, "", title, BODY, title, title, BODY2, title]))
    assert a.title == title
    assert texts(a) == [BODY, BODY2]
    assert sum(d.rule == "repeated-title" for d in a.dropped) == 4


def test_traditional_headline_is_normalised_and_kept_in_the_original():
    a = clean("\n".join(["以堅強的後勤保障踐行責任擔當", "以堅強的後勤保障踐行責任擔當", BODY]))
    assert a.title == "以坚强的后勤保障践行责任担当"
    assert a.title_original == "以堅強的後勤保障踐行責任擔當"


def test_a_repeated_fuller_headline_wins_over_its_first_part():
    full = "【疫情防控 在行动】卫健局 | 用最硬核的态度 赢得胜利"
    a = clean("\n".join(["【疫情防控 在行动】卫健局", "", full, BODY, full, BODY2, full]))
    assert a.title == full
    assert rules(a)["【疫情防控 在行动】卫健局"] == "title-variant"
    assert texts(a) == [BODY, BODY2]


def test_a_page_starting_with_body_text_has_no_title():
    a = clean("\n".join([BODY, BODY2]))
    assert a.title is None
    assert texts(a) == [BODY, BODY2]


def test_markdown_headline_gives_the_title():
    a = clean("## 太原市人民医院 广大党员奋战\n\n" + BODY, heading="太原市人民医院 广大党员奋战")
    assert a.title == "太原市人民医院 广大党员奋战"
    assert texts(a) == [BODY]


def test_sentences_broken_across_lines_are_joined_back():
    a = clean("\n".join([
        "血液中心党委带头冲在疫情防控第一线",  # a headline, not a placeholder: the ranker weighs what it says
        "自本次疫情发生以来,血液中心党委在第一时间发出倡议书,中心", "",
        "党委书记、主任白林身先士卒、以身作则,带头冲在疫情防控第一线。",
        "张主任希望双方以党建为引领,充分发挥各自优势,互相学习,齐头并", "",
        "进,让平安守护医院,共同谱写互利共赢的崭新篇章。",
    ]))
    assert texts(a) == [
        "自本次疫情发生以来,血液中心党委在第一时间发出倡议书,中心党委书记、主任白林身先士卒、以身作则,带头冲在疫情防控第一线。",
        "张主任希望双方以党建为引领,充分发挥各自优势,互相学习,齐头并进,让平安守护医院,共同谱写互利共赢的崭新篇章。",
    ]


def test_real_paragraph_breaks_headings_and_captions_are_kept_apart():
    a = clean("\n".join([
        "标题在此处", BODY,
        "欢送仪式上,副省长孙东生、副市长陈远飞等领导为各医疗队颁发荣誉证书并合影留念",
        "返齐前医疗队与驻地院方管理组人员合影",
        "科学闭环管理 统筹调度不停歇",
        "“快”字当头,发挥疫情防控组织优势",
        "“兵马未动,粮草先行”",
        BODY2,
    ]))
    assert [(p.kind, p.text[:6]) for p in a.paragraphs] == [
        ("body", BODY[:6]), ("caption", "欢送仪式上,"), ("caption", "返齐前医疗队"), ("heading", "科学闭环管理"),
        ("heading", "“快”字当头"), ("heading", "“兵马未动,"), ("body", BODY2[:6]),
    ]


def test_no_join_across_a_removed_line():
    title = "以坚强的后勤保障践行责任担当"
    a = clean("\n".join([title, "庚子鼠年春节,一场没有硝烟的战争不期而至,他们就是二院疫情防控突击队", title, BODY]))
    assert len(a.paragraphs) == 2


def test_dateline_byline_gives_reporters_and_stays_in_the_text():
    first = "本报讯(记者 张丽 闫珊 通讯员 张倩云)4月18日下午,血液中心党委书记、主任白林慰问一线工作人员。"
    a = clean("\n".join(["标题在此处", first]))
    assert texts(a) == [first]
    assert a.byline == "记者 张丽 闫珊 通讯员 张倩云"
    assert a.authors == ["张丽", "闫珊", "张倩云"]


def test_trailing_author_parenthesis_names_the_authors():
    a = clean("\n".join(["标题在此处", BODY, "守护人民群众的生命安全和身体健康!(姜晓萌 赵太迎)"]))
    assert a.authors == ["姜晓萌", "赵太迎"]


def test_a_closing_byline_line_with_roles_is_a_byline():
    a = clean("\n".join(["标题在此处", BODY, "（记者 赵敏 通讯员 孙伟）"]))
    assert a.authors == ["赵敏", "孙伟"]
    assert a.byline == "记者 赵敏 通讯员 孙伟"
    assert [p.kind for p in a.paragraphs] == ["body", "byline"]


def test_a_trailing_parenthesis_that_is_not_names_is_ignored():
    a = clean("\n".join(["标题在此处", BODY, "全市共有医疗机构181家(含社区卫生服务中心)"]))
    assert a.authors == []


def test_script_of_the_original_is_recorded():
    assert clean("標題在此處\n以堅強的後勤保障踐行責任擔當,他們沒有絲毫怨言。").script == "traditional"
    assert clean("标题在此处\n" + BODY).script == "simplified"


@pytest.mark.parametrize("line, fields", [
    ("来源:宣传科 张阳 发布时间:2022-06-07 11:22:27", {"byline": "宣传科 张阳", "published": "2022-06-07 11:22:27"}),
    ("发布日期：2021年3月5日", {"published": "2021年3月5日"}),
    ("2022-06-07 11:22", {"published": "2022-06-07 11:22"}),
    ("来源于一线的报道说明了很多问题。", None),
    # a date in Chinese numerals alone, as an official notice signs off
    ("二〇二三年五月六日", {"published": "2023-05-06"}),
    # a source label with what it is a source of (资料来源, 消息来源), its date after a comma
    ("资料来源:香港卫生防护中心、香港新闻公报 ,2015/12/2", {"byline": "香港卫生防护中心、香港新闻公报",
                                                          "published": "2015/12/2"}),
])
def test_parse_meta_line(line, fields):
    assert parse_meta_line(line) == fields




def test_a_masthead_gives_every_article_on_the_page_its_date_and_paper():
    from ingest.split import split_articles
    page = "衡阳日报　2023年4月12日　第03版：健康周刊\n\n## 第一篇标题在此\n\n" + BODY + "\n\n## 第二篇标题在此\n\n" + BODY2
    raws = split_articles(page)
    assert [r.heading for r in raws] == ["第一篇标题在此", "第二篇标题在此"]
    articles = [clean_article(r) for r in raws]
    assert [(a.published_date, a.site) for a in articles] == [("2023-04-12", "衡阳日报")] * 2
    assert texts(articles[1]) == [BODY2]


def test_a_wechat_header_line_under_the_title_is_metadata():
    a = clean("\n".join(["守护“心”健康｜这个周末，市三院专家团走进社区", "",
                         "原创 市第三人民医院 健康泉州 2023-06-19 18:30 发表于福建", BODY]))
    assert a.title == "守护“心”健康｜这个周末，市三院专家团走进社区"
    assert (a.published_date, a.published_time) == ("2023-06-19", "18:30")
    assert texts(a) == [BODY]


def test_wechat_footer_is_chrome_and_closing_credits_are_bylines():
    a = clean("\n".join(["标题在此处", BODY, "来源：泉州市第三人民医院", "编辑：郑晓东",
                         "点个“在看”，把健康传递给更多人", "阅读原文"]))
    # labelled closing credits are the page's, not the text's: they leave the body and give the byline
    assert texts(a) == [BODY]
    assert (a.byline, a.authors) == ("泉州市第三人民医院; 编辑:郑晓东", ["郑晓东"])
    assert rules(a)["来源：泉州市第三人民医院"] == "metadata" and rules(a)["编辑：郑晓东"] == "metadata"
    assert rules(a)["点个“在看”，把健康传递给更多人"] == "wechat" and rules(a)["阅读原文"] == "wechat"


def test_metadata_after_the_last_paragraph_dates_the_article():
    a = clean("\n".join(["标题在此处", BODY, "完", "", "2022年12月5日（星期一）", "香港时间16时45分"]))
    assert a.published_date == "2022-12-05" and texts(a) == [BODY]
    assert rules(a) == {"标题在此处": "title", "完": "end-mark", "2022年12月5日（星期一）": "metadata",
                        "香港时间16时45分": "metadata"}
    b = clean("\n".join(["标题在此处", BODY, "更新時間：2023/09/14 16:20"]))
    assert (b.published_date, b.published_time) == ("2023-09-14", "16:20") and texts(b) == [BODY]


def test_a_source_line_at_the_end_of_a_short_article_does_not_pick_the_title():
    a = clean("\n".join(["原创 某某医院 2023-06-19 发表于福建", BODY, "短句一", "来源：某某医院"]))
    assert a.title is None or a.title != "短句一"


def test_hong_kong_and_taiwan_variant_characters_are_simplified():
    a = clean("\n".join(["衞生防護中心公布最新個案", BODY]))
    assert a.title == "卫生防护中心公布最新个案"


def test_traditional_page_chrome_is_recognised_too():
    a = clean("\n".join(["標題在此處", "字號:", "瀏覽次數:1946", BODY, "分享到:", "相關文章"]))
    assert texts(a) == [BODY]
    assert rules(a)["字號:"] == "font-size" and rules(a)["瀏覽次數:1946"] == "view-count"


def test_a_repeated_sub_heading_below_running_text_is_not_the_headline():
    a = clean("\n".join([BODY, "“快”字当头", BODY2, "“快”字当头"]))
    assert a.title is None
    assert texts(a)[0] == BODY  # nothing above the sub-heading was dropped


def test_counters_on_the_metadata_line_stay_out_of_the_byline():
    a = clean("\n".join(["标题在此处", "来源：基层卫生健康处　　浏览次数：1268", BODY]))
    assert (a.byline, a.authors) == ("基层卫生健康处", [])
    c = clean("\n".join(["标题在此处", "2023-11-09 09:12:47　来源：绍兴日报　浏览次数：2,417", BODY]))
    assert (c.title, c.byline, texts(c)) == ("标题在此处", "绍兴日报", [BODY])  # 2,417: a number, not a sentence
    b = clean("\n".join(["标题在此处", "作者：院办　点击数：523", BODY, "（院办 张晓燕）"]))
    assert b.authors == ["张晓燕"] and b.paragraphs[-1].kind == "byline"


def test_agency_and_taiwan_datelines_give_the_reporter():
    a = clean("\n".join(["标题在此处", "新华社日内瓦11月16日电（记者 孟晓宇）世卫组织16日发布报告,全球麻疹病例大幅上升。"]))
    assert a.authors == ["孟晓宇"]
    b = clean("\n".join(["標題在此處", "〔記者林郁婷／台北報導〕衛生福利部疾病管制署今日公布,上週新增83例本土登革熱病例。"]))
    assert b.authors == ["林郁婷"]


def test_a_share_bar_under_the_byline_drops_only_that_line():
    a = clean("\n".join(["标题在此处", "发布/2024年7月14日 18:05", "文 / 杨凯文", "分享：Facebook　WhatsApp　复制链接",
                         BODY, BODY2]))
    assert texts(a) == ["文 / 杨凯文", BODY, BODY2]
    assert rules(a)["分享：Facebook　WhatsApp　复制链接"] == "share"


def test_a_share_bar_above_the_body_drops_only_that_line():
    a = clean("\n".join(["医院党委筑牢疫情防控堡垒", "2023-08-19 08:10 来源:川北日报", "分享到：微信　微博　QQ空间",
                         "记者 杨雪 通讯员 何佳", BODY, BODY2, "分享到:", "这一行也是页面的一部分"]))
    assert texts(a) == ["记者 杨雪 通讯员 何佳", BODY, BODY2]
    assert rules(a)["分享到：微信　微博　QQ空间"] == "share"
    assert rules(a)["这一行也是页面的一部分"] == "share"  # after the body it still ends the article


@pytest.mark.parametrize("line, rule", [
    ("点击上方蓝字 关注我们", "wechat"), ("版面导航　　上一版　　下一版　　PDF下载", "paper-nav"),
    ("本版标题导航：", "paper-nav"), ("＊＊＊＊＊＊＊＊＊＊", "separator"), ("==========", "separator"),
    ("【纠错】　　【责任编辑：冯琳】", "correction"), ("【字体：大 中 小】　【打印本页】　【关闭窗口】", "page-tools"),
    ("【字号：大 中 小】　【打印】　【关闭】　　分享到：", "page-tools"), ("(责编：韩冬梅、牛思远)", "page-credits"),
    ("字体：小 中 大  分享到：", "font-size"), ("字号：【大】【中】【小】    浏览量：5873", "font-size"),
    ("【字体：大 中 小】　分享到：微信 微博 QQ空间 | 打印", "share"), ("[大字体] [小字体]　　分享至：微信 | 微博 | 复制链接", "share"),
    ("初审：黎秋萍　复审：严斌　终审：曾德胜", "wechat"),
    ("版权和免责声明", "disclaimer"), ("某某网版权与免责声明", "disclaimer"),
])
def test_page_furniture_inside_the_page_is_dropped_wherever_it_stands(line, rule):
    a = clean("\n".join(["标题在此处", line, BODY, line, BODY2]))
    assert texts(a) == [BODY, BODY2]
    assert rules(a)[line] == rule


@pytest.mark.parametrize("line, rule", [
    ("延伸閱讀", "related"), ("新华网版权所有　未经协议授权，禁止下载使用或建立镜像", "copyright"),
    ("临江日报社版权所有　未经书面授权不得复制或建立镜像", "copyright"), ("分享　　加入LINE好友　　字級：小 中 大", "share"),
    ("分享让更多人看到", "share"), ("阅读更多：", "related"), ("热门新闻", "related"),
    ("新聞聯絡人：公共事務室 張雅婷　電話：06-2353535轉5102", "press-contact"),
    ("河南日报社出版　地址：郑州市金水区农业路东28号　邮政编码：450008", "imprint"),
    ("广告经营许可证：豫工商广字第0001号　零售价：每份1.50元", "imprint"),
    ("滨江晚报社出版  社址：滨江市新华路88号  邮编：312000", "imprint"), ("本报热线：96811  零售价：1.00元", "imprint"),
    ("【相关阅读】", "related"), ("【免责声明】本网转载内容仅供参考，不代表本网观点。", "disclaimer"),
    ("阅读 3,862　　分享　收藏　点赞　在看", "wechat"),
])
def test_more_tail_markers_end_the_article(line, rule):
    a = clean("\n".join(["标题在此处", BODY, line, "．高雄前镇再添2例 本土登革热逼近20例"]))
    assert texts(a) == [BODY]
    assert rules(a)[line] == rule


def test_a_long_body_sentence_naming_a_copyright_holder_is_not_a_tail():
    line = "法院认定，涉案作品的著作权归原告所有，被告未经许可在其网站转载，应当停止侵权、赔偿损失并公开道歉，该判决已生效。"
    a = clean("\n".join(["标题在此处", BODY, line, BODY2]))
    assert texts(a) == [BODY, line, BODY2]


@pytest.mark.parametrize("label", ["新聞公報", "香港特別行政區政府 新聞公報"])
def test_a_press_release_label_above_the_headline_is_not_the_title(label):
    a = clean("\n".join([label, "", "衞生署署長到訪天水圍 了解長者接種流感疫苗情況", "＊＊＊＊＊＊＊＊＊＊", BODY]))
    assert a.title == "卫生署署长到访天水围 了解长者接种流感疫苗情况"
    assert rules(a)[label] == "doc-label"
    assert texts(a) == [BODY]


def test_an_unlabelled_date_at_the_end_of_a_labelled_metadata_line_is_the_publication_date():
    assert parse_meta_line("来源：江南都市报　作者：胡蓉　编辑：侯佳　2023-11-28 07:45") == {
        "byline": "江南都市报; 作者:胡蓉; 编辑:侯佳", "published": "2023-11-28 07:45"}


@pytest.mark.parametrize("line, byline", [
    # every byline label is kept, not only the first (`来源` used to hide `作者`)
    ("发布时间:2024-04-17 09:46  来源:县卫健委  作者:欧阳晓婷 刘畅  浏览次数:1283", "县卫健委; 作者:欧阳晓婷 刘畅"),
    # labels after the date the line opens with
    ("2024-03-25 08:30:12  来源:天山健康网  作者:记者 马骁 通讯员 热娜古丽·艾则孜",
     "天山健康网; 作者:记者 马骁 通讯员 热娜古丽·艾则孜"),
    # font-size buttons in brackets and an empty counter stay out
    ("信息来源:市急救中心  作者:柏晓岚  阅读次数:  字号:【大 中 小】", "市急救中心; 作者:柏晓岚"),
    ("来源:省政府新闻办  【字号:大 中 小】【打印】【关闭】", "省政府新闻办"),
])
def test_every_byline_label_of_a_metadata_line_is_kept(line, byline):
    assert parse_meta_line(line)["byline"] == byline


def test_a_dated_sentence_is_not_a_metadata_line():
    assert parse_meta_line("2022年3月5日 来源:群众来信，反映了问题。") is None


def test_a_government_catalogue_block_is_not_taken_for_the_headline():
    a = clean("\n".join(["某市卫生健康委员会", "索引号:001008003012026/2024-154367    主题分类:卫生健康",
                         "发布机构:市卫生健康委    成文日期:2024-07-30", "公开方式:主动公开    发布日期:2024-07-30",
                         "", "汛期急救保障工作有序开展", "", "信息来源:市急救中心  作者:柏晓岚  阅读次数:", BODY]))
    assert a.title == "汛期急救保障工作有序开展"
    assert a.published_date == "2024-07-30" and a.authors == ["柏晓岚"] and texts(a) == [BODY]


def test_closing_credits_under_a_wechat_tail_are_the_byline():
    a = clean("\n".join(["标题在此处", BODY, "往期推荐", "另一篇文章的标题", "文字丨邬建军 陆晓晨", "编辑丨房悦"]))
    assert texts(a) == [BODY]
    assert a.byline == "文字丨邬建军 陆晓晨; 编辑丨房悦" and a.authors == ["邬建军", "陆晓晨", "房悦"]


def test_a_newspaper_pages_production_credits_are_page_furniture():
    a = clean("\n".join(["标题在此处", BODY, "本版编辑：孟小飞　　校对：任静　　组版：黄敏"]))
    assert texts(a) == [BODY]
    assert rules(a)["本版编辑：孟小飞　　校对：任静　　组版：黄敏"] == "page-credits"


def test_a_government_header_with_date_weather_and_breadcrumb_is_chrome():
    a = clean("\n".join(["某县人民政府", "2022年2月25日 星期五　　今日天气：多云 3℃~12℃", "您现在的位置：首页 > 政务公开 > 部门动态",
                         "", "我县召开卫生健康工作会议", "", "发布日期：2022-02-25　　来源：县卫生健康委员会", BODY]))
    assert a.title == "我县召开卫生健康工作会议" and texts(a) == [BODY]
    assert rules(a)["您现在的位置：首页 > 政务公开 > 部门动态"] == "breadcrumb"


def test_wechat_collection_tag_and_closing_lines_are_chrome():
    a = clean("\n".join(["标题在此处", "收录于合集 #乡村振兴 12个 #健康古零 36个", BODY, "文图：覃丽华",
                         "投稿邮箱：gulingfabu@163.com", "喜欢此内容的人还喜欢", "另一篇文章的标题"]))
    assert texts(a) == [BODY, "文图：覃丽华"]
    assert rules(a)["收录于合集 #乡村振兴 12个 #健康古零 36个"] == "wechat"


# --- the named steps of clean_article ---------------------------------------------------------------

def headline_of(src: list[str], heading: str | None = None, heading_line: int | None = None):
    lines = [_line(no, t) for no, t in enumerate(src)]
    raw = RawArticle(0, list(enumerate(src)), heading=heading, heading_line=heading_line)
    return _headline(raw, lines, Counter(squash(ln.norm) for ln in lines))


def test_headline_above_a_metadata_line_or_given_by_the_splitter():
    assert headline_of(["北京市延庆医院", "延庆区医院筑牢疫情防控战斗堡垒", "发布时间:2022-06-07 11:22:27", BODY]) == (
        1, "延庆区医院筑牢疫情防控战斗堡垒", "延庆区医院筑牢疫情防控战斗堡垒")
    assert headline_of(["## 標題一則", BODY], heading="標題一則", heading_line=0) == (0, "標題一則", "标题一则")
    assert headline_of([BODY], heading="别处的标题", heading_line=9) == (None, "别处的标题", "别处的标题")
    assert headline_of([BODY, BODY2]) == (None, None, None)


def test_headline_takes_the_fuller_repeated_line():
    short, full = "【疫情防控 在行动】卫健局", "【疫情防控 在行动】卫健局 | 用最硬核的态度 赢得胜利"
    assert headline_of([short, "发布时间:2022-06-07 11:22:27", BODY, full, BODY2, full]) == (0, full, full)
    assert headline_of([short, "发布时间:2022-06-07 11:22:27", BODY, full]) == (0, short, short)  # said once


def test_page_above_the_headline_names_the_site_and_reads_a_catalogue_block():
    above = [_line(no, t) for no, t in enumerate([
        "北京市延庆医院", "您所在的位置: 首页 >>医院动态 >>医院新闻 >> 正文", "医院新闻", "延庆区医院",
        "索引号:000014349/2022-00123 发布日期:2022-06-07"])]
    site, metadata, dropped = _page_above(above, "延庆区医院筑牢疫情防控战斗堡垒", [])
    assert site == "北京市延庆医院"
    assert metadata == [{"catalogue": "000014349/2022-00123", "published": "2022-06-07"}]
    assert [(d.line_no, d.rule) for d in dropped] == [
        (0, "site-name"), (1, "breadcrumb"), (2, "section-name"), (3, "title-variant"), (4, "metadata")]
    assert _page_above(above[:1], "标题", ["北京市延庆医院"])[0] is None  # a newspaper's masthead is no site


@pytest.mark.parametrize("line,counts,kept_any,repeats", [
    ("延庆区医院筑牢疫情防控战斗堡垒", {}, True, True),
    ("## 延庆区医院筑牢疫情防控战斗堡垒", {}, True, True),
    ("延庆区医院筑牢", {"延庆区医院筑牢": 1}, False, True),  # its first part, before any text
    ("延庆区医院筑牢", {"延庆区医院筑牢": 1}, True, False),  # ... but not once the text has begun
    ("医院筑牢疫情防控", {"医院筑牢疫情防控": 3}, True, True),  # a variant the page repeats
    (BODY, {}, False, False),
])
def test_a_line_that_repeats_the_headline(line, counts, kept_any, repeats):
    key = squash("延庆区医院筑牢疫情防控战斗堡垒")
    assert _repeats_title(_line(0, line), key, Counter(counts), kept_any) is repeats
    assert _repeats_title(_line(0, line), None, Counter(counts), kept_any) is False


def test_paragraphs_join_broken_lines_but_not_across_a_gap_and_get_their_kinds():
    first = _line(0, "在院党委的有力指挥下,各党支部闻令而动,党员干部纷纷响应,积极参加")
    rest = _line(1, "志愿服务,争当疫情防控排头兵。")
    joined = _paragraphs([(first, False), (rest, False), (_line(3, "图/志愿者服务队"), True), (_line(4, "三、做好保障"), False)])
    assert [(p.seq, p.kind, p.text, p.line_start) for p in joined] == [
        (0, "body", first.text + rest.text, 0), (1, "byline", "图/志愿者服务队", 3), (2, "heading", "三、做好保障", 4)]
    assert [p.text for p in _paragraphs([(first, False), (rest, True)])] == [first.text, rest.text]


def test_text_bylines_are_the_dateline_the_credit_lines_and_a_closing_parenthesis():
    paragraphs = [Paragraph(0, "body", "本报讯(记者 张丽 闫珊 通讯员 张倩云)4月22日,医院召开会议,部署防控工作。", ""),
                  Paragraph(1, "byline", "文/宣传科 张阳", ""), Paragraph(2, "body", "(姜晓萌 赵太迎)", "")]
    assert _text_bylines(paragraphs) == ("记者 张丽 闫珊 通讯员 张倩云", ["宣传科 张阳", "姜晓萌 赵太迎"])
    assert [p.kind for p in paragraphs] == ["body", "byline", "byline"]  # nothing but the byline: a byline
    assert _text_bylines([Paragraph(0, "body", "医院召开会议,部署防控工作。(中)", "")]) == (None, [])


def test_authors_keep_each_byline_once_and_each_name_once_in_order():
    assert _authors(["记者 张丽 闫珊", "宣传科 张阳", None, "记者 张丽 闫珊", "作者:张阳 胡蓉"]) == (
        "记者 张丽 闫珊; 宣传科 张阳; 作者:张阳 胡蓉", ["张丽", "闫珊", "张阳", "胡蓉"])
    assert _authors([]) == (None, [])


@pytest.mark.parametrize("line, byline", [
    # labels run together without a space: the longest label before a colon ends the value before it
    ("作者:陈磊来源:安康市疾病预防控制中心发布日期:2022-06-27 17:06", "作者:陈磊; 安康市疾病预防控制中心"),
    ("作者:甲 乙责任编辑:丙", "作者:甲 乙; 责任编辑:丙"),
    ("文章来源:二十一病区 作者:刘玲 点击数:2453 更新时间:2015-10-07", "二十一病区; 作者:刘玲"),
])
def test_a_metadata_line_is_read_as_label_value_fields_however_they_run_together(line, byline):
    assert parse_meta_line(line)["byline"] == byline


def test_credits_on_dropped_furniture_lines_still_name_the_articles_people():
    a = clean("\n".join(["标题在此处", BODY, "(责编:牛镛、岳弘彬)"]))
    assert a.authors == ["牛镛", "岳弘彬"]
    assert texts(a) == [BODY]


def test_a_line_closing_with_a_credit_is_not_joined_to_the_next():
    first = "近日,卫生院编排基本公共卫生服务项目宣传微视频,以群众喜闻乐见的形式宣传基本公共卫生服务。曾雅燕 郭陈新 李崴 摄"
    second = "4月7日,世界卫生日,在福州市鼓楼区安泰街道社区卫生服务中心,老年居民体验中医体质辨识。谢贵明 摄"
    assert texts(clean("\n".join(["标题在此处", first, second]))) == [first, second]


def test_a_date_stamp_line_or_a_date_closing_the_text_dates_an_undated_article():
    a = clean("\n".join(["标题在此处", "date 2025-09-12 台南市长慰问消防局人员，并递上瓶装水。（南市卫生局提供）", BODY]))
    assert a.published_date == "2025-09-12"
    b = clean("\n".join(["标题在此处", BODY, "疾管署提醒，民众应落实手部卫生并做好咳嗽礼节，出入公共场所请佩戴口罩。2020/06/30"]))
    assert b.published_date == "2020-06-30"
    # a date inside a sentence is not a stamp, and a dated article keeps its own date
    c = clean("\n".join(["标题在此处", BODY, "疾管署提醒，2020/06/30起民众应落实手部卫生并做好咳嗽礼节，出入公共场所请佩戴口罩。"]))
    assert c.published_date is None
    d = clean("\n".join(["标题在此处", "发布时间:2020-07-01", BODY, "疾管署提醒，民众应落实手部卫生。2020/06/30"]))
    assert d.published_date == "2020-07-01"


def test_a_taiwan_label_dates_the_article_with_its_minguo_year():
    a = clean("\n".join(["标题在此处", "發稿日期:111年3月8日 15:24", BODY]))
    assert (a.published_date, a.published_time) == ("2022-03-08", "15:24")


def test_a_dated_dateline_under_the_headline_gives_the_byline():
    from ingest.clean import parse_meta_line
    assert parse_meta_line("【记者魏云日/新竹报导】2021-10-17", loose=True) == {
        "published": "2021-10-17", "byline": "记者魏云日"}
    assert parse_meta_line("市第三人民医院 2023-06-19 18:30", loose=True) == {"published": "2023-06-19 18:30"}


def test_a_label_run_on_into_a_preposition_is_metadata_not_the_headline():
    page = "\n".join(["疾控新闻", "我市开展“世界防治结核病日”宣传活动", "信息来源自: 结核病防治科",
                      "发布时间:2025/3/25", "阅读次数:856", BODY, BODY2])
    a = clean(page)
    assert a.title == "我市开展“世界防治结核病日”宣传活动"
    assert rules(a)["信息来源自: 结核病防治科"] == "metadata"
    assert parse_meta_line("信息来源自: 结核病防治科") == {"byline": "结核病防治科"}


@pytest.mark.parametrize("line, labelled", [
    ("信息来源自: 结核病防治科", True), ("主要来源:新华社", True), ("• 作者:张三", True),
    ("我市开展宣传活动", False), ("专家提醒:勤洗手", False), ("流感来袭 专家提醒:勤洗手", False),
    ("北京时间:2024年1月1日", True), ("韩文宝：“陀螺式”的“换肝医生”", False), ("记者观察：让“生命通道”不再添堵", False),
    ("国新办发布会：精准施策 决战疫情防控关键期", False), ("人民日报署名文章：火线上激扬青春力量", False),
])
def test_a_line_opening_with_a_word_holding_a_metadata_label_is_a_label_line(line, labelled):
    assert label_line(line) is labelled


def test_a_catalogues_labelled_title_field_is_the_headline():
    page = "\n".join(["索引号: | 11341823MB1566401C/202311-00052 | 组配分类: | 规划计划 |",
                      "发布机构: | 青阳县卫生健康委员会 | 主题分类: | 卫生、体育 |",
                      "名称: | 县卫健委2023年工作总结及2024年工作安排 | 文号: | |",
                      "成文日期: | 发布日期: | 2023-11-07 | |", BODY, BODY2])
    a = clean(page)
    assert a.title == "县卫健委2023年工作总结及2024年工作安排"
    assert texts(a) == [BODY, BODY2]
    assert a.published_date == "2023-11-07"


def test_an_article_of_one_line_of_running_text_is_all_text():
    teaser = "【本澳首宗疫苗接種後嚴重不良事件】新型冠狀病毒感染應變協調中心表示,一名67"
    a = clean(teaser)
    assert a.title is None and [p.text_original for p in a.paragraphs] == [teaser]


def test_a_page_whose_first_line_is_a_label_line_takes_the_headline_under_it():
    a = clean("\n".join(["信息来源自: 结核病防治科", "我市开展“世界防治结核病日”宣传活动", BODY, BODY2]))
    assert a.title == "我市开展“世界防治结核病日”宣传活动"
    assert rules(a)["信息来源自: 结核病防治科"] == "metadata"
    assert texts(a) == [BODY, BODY2]


def test_a_page_whose_one_line_is_the_story_keeps_it():
    """The classifier gives this lone line furniture (it ends in a credit, not a full stop); an article
    left with no text keeps the lines of sentences it dropped, so the page is not an error."""
    from ingest.split import split_articles

    page = ("9月12日上午,苏大附一院副院长沈学伍率领多名专家到我院开展2017年“健康江苏服务百姓”大型义诊活动。"
            "本次义诊涉及心血管内科、妇科、普外科、肾内科、神经内科、骨科、消化内科、呼吸内科等8个学科共十余名专家。"
            "在县人民医院门诊大厅的义诊现场,专家们耐心为患者解答疑问、诊治疾病、普及健康科学知识。"
            "此次就诊人数达400余人。(李欣 李谦)")
    [raw] = split_articles(page)
    article = clean_article(raw)
    assert len(article.paragraphs) == 1 and "此次就诊人数达400余人" in article.paragraphs[0].text
    assert article.authors == ["李欣", "李谦"] and article.dropped == []
