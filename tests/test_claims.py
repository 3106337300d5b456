"""Numeric claims (ingest/extract/claims.py): forms, units, hedges, subjects, scope, and what is no claim."""
from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract.claims import (_candidates, _core_reading, _found, _hedge_after_number, _hedge_or_sign_before,
                           _is_code_or_ordinal, _Reading, extract_claims, tables)
from ingest.records import NumericClaim


def claims(text: str) -> list[NumericClaim]:
    """extract_claims with the invariants every caller relies on checked."""
    out = extract_claims(text)
    for c in out:
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.surface
        assert c.paragraph_seq is None
    assert [c.start for c in out] == sorted(c.start for c in out)
    return out


def only(text: str) -> NumericClaim:
    out = claims(text)
    assert len(out) == 1, [c.surface for c in out]
    return out[0]


# --- forms: (text, surface, start, value, value_max, unit, unit_normalised, qualifier) ---------------

FORMS = [
    # Arabic, separators, full-width, decimals
    ("医院累计接诊243859人次。", "243859人次", 6, 243859, None, "人次", "人次", None),
    ("其中确诊1,600例。", "1,600例", 4, 1600, None, "例", "例", None),
    ("志愿者１５名到岗。", "１５名", 3, 15, None, "名", "名", None),
    ("消毒液1.5吨已送达。", "1.5吨", 3, 1.5, None, "吨", "吨", None),
    # Chinese numerals
    ("全市共有十二家定点医院。", "十二家", 4, 12, None, "家", "家", None),
    ("抽调四十三名专家。", "四十三名", 2, 43, None, "名", "名", None),
    ("招募两千名志愿者。", "两千名", 2, 2000, None, "名", "名", None),
    ("捐款一万二千元。", "一万二千元", 2, 12000, None, "元", "元", None),
    ("筹集一万二元善款。", "一万二元", 2, 12000, None, "元", "元", None),
    ("另有廿名队员。", "廿名", 2, 20, None, "名", "名", None),
    ("连续奋战两天。", "两天", 4, 2, None, "天", "天", None),
    # mixed, with 万 / 亿 always multiplying
    ("发放口罩3.5万支。", "3.5万支", 4, 35000, None, "支", "支", None),
    ("发放口罩3.5萬支。", "3.5萬支", 4, 35000, None, "支", "支", None),
    ("收到捐款8萬元。", "8萬元", 4, 80000, None, "元", "元", None),
    ("总投资1.2亿元。", "1.2亿元", 3, 120_000_000, None, "元", "元", None),
    ("完成采样45万余人次。", "45万余人次", 4, 450000, None, "人次", "人次", "余"),
    ("已检测30余万人。", "30余万人", 3, 300000, None, "人", "人", "余"),
    ("累计采样3.5万，全部阴性。", "3.5万", 4, 35000, None, None, None, None),
    # percentages
    ("接种率达95%。", "95%", 4, 95, None, "%", "%", None),
    ("接种率达95％以上。", "95％以上", 4, 95, None, "％", "%", "以上"),
    ("百分之三十的居民已接种。", "百分之三十", 0, 30, None, "%", "%", None),
    ("增长了3个百分点。", "3个百分点", 3, 3, None, "个百分点", "百分点", None),
    # ranges keep both ends
    ("每批五至六百人。", "五至六百人", 2, 500, 600, "人", "人", None),
    ("隔离观察3-5天。", "3-5天", 4, 3, 5, "天", "天", None),
    ("需要10至20万人。", "10至20万人", 2, 100_000, 200_000, "人", "人", None),
    ("需三四百人。", "三四百人", 1, 300, 400, "人", "人", None),
    ("等候两三天。", "两三天", 2, 2, 3, "天", "天", None),
    # negatives and zero
    ("室外零下20度。", "零下20度", 2, -20, None, "度", "度", None),
    ("气温-5℃。", "-5℃", 2, -5, None, "℃", "℃", None),
    ("全队实现零感染。", "零感染", 4, 0, None, None, None, None),
    ("新增确诊病例0例。", "0例", 6, 0, None, "例", "例", None),
    # hedges before the number
    ("先后近200人次参与。", "近200人次", 2, 200, None, "人次", "人次", "近"),
    ("约3000人到场。", "约3000人", 0, 3000, None, "人", "人", "约"),
    ("超过500人报名。", "超过500人", 0, 500, None, "人", "人", "超过"),
    ("超300家企业复工。", "超300家", 0, 300, None, "家", "家", "超"),
    ("逾千人参与。", "逾千人", 0, 1000, None, "人", "人", "逾"),
    ("上千名群众自发参与。", "上千名", 0, 1000, None, "名", "名", "上"),
    ("数百名志愿者到岗。", "数百名", 0, 100, None, "名", "名", "数"),
    ("将近300名医护人员。", "将近300名", 0, 300, None, "名", "名", "近"),
    ("奋战了近一个月。", "近一个月", 3, 1, None, "个月", "个月", "近"),
    # hedges after the number or the unit
    ("派出2670余人次。", "2670余人次", 2, 2670, None, "人次", "人次", "余"),
    ("收治3000多人。", "3000多人", 2, 3000, None, "人", "人", "多"),
    ("历时两年多。", "两年多", 2, 2, None, "年", "年", "多"),
    ("坚持了一个多月。", "一个多月", 3, 1, None, "个月", "个月", "多"),
    ("来了十几个人。", "十几个", 2, 10, None, "个", "个", "多"),
    ("50人左右参加。", "50人左右", 0, 50, None, "人", "人", "约"),
    ("3人以上不得聚集。", "3人以上", 0, 3, None, "人", "人", "以上"),
    ("耗时三个半小时。", "三个半小时", 2, 3.5, None, "个小时", "小时", None),
    # units: longest first, spellings normalised
    ("共培训19场次。", "19场次", 3, 19, None, "场次", "场次", None),
    ("捐献全血1600ml。", "1600ml", 4, 1600, None, "ml", "ml", None),
    ("捐献全血400mL。", "400mL", 4, 400, None, "mL", "ml", None),
    ("捐献全血300毫升。", "300毫升", 4, 300, None, "毫升", "ml", None),
    ("消毒液150千克。", "150千克", 3, 150, None, "千克", "千克", None),
    ("大米50公斤。", "50公斤", 2, 50, None, "公斤", "千克", None),
    ("大米5kg。", "5kg", 2, 5, None, "kg", "千克", None),
    ("血小板20单位。", "20单位", 3, 20, None, "单位", "单位", None),
    ("运输5000公里。", "5000公里", 2, 5000, None, "公里", "公里", None),
    ("接种3.2万剂次。", "3.2万剂次", 2, 32000, None, "剂次", "剂次", None),
    ("新增呼吸机12台。", "12台", 5, 12, None, "台", "台", None),
    ("防护服500套。", "500套", 3, 500, None, "套", "套", None),
    ("物资20箱。", "20箱", 2, 20, None, "箱", "箱", None),
    ("值守24小时。", "24小时", 2, 24, None, "小时", "小时", None),
    ("样本243859管。", "243859管", 2, 243859, None, "管", "管", None),
    ("分7批入驻。", "7批", 1, 7, None, "批", "批", None),
    ("提出四点要求。", "四点", 2, 4, None, "点", "点", None),
    ("5.8级地震。", "5.8级", 0, 5.8, None, "级", "级", None),
]


@pytest.mark.parametrize("text, surface, start, value, value_max, unit, unit_norm, qualifier", FORMS)
def test_forms(text, surface, start, value, value_max, unit, unit_norm, qualifier):
    c = only(text)
    assert c.surface == surface
    assert c.start == start
    assert c.end == start + len(surface)
    assert c.value == pytest.approx(value)
    assert c.value_max == (None if value_max is None else pytest.approx(value_max))
    assert c.unit == unit
    assert c.unit_normalised == unit_norm
    assert c.qualifier == qualifier


def test_several_claims_in_order_with_offsets():
    text = "筹集资金3.5萬元和8萬元，募集口罩1万只。"
    out = claims(text)
    assert [(c.surface, c.start, c.value, c.unit) for c in out] == [
        ("3.5萬元", 4, 35000, "元"), ("8萬元", 10, 80000, "元"), ("1万只", 18, 10000, "只")]


def test_a_unit_spelled_inside_a_longer_one_is_not_split():
    # 千克 starts with 千: 150千克 is 150 kilograms, not 150 000 grams
    c = only("消毒液150千克已入库。")
    assert (c.value, c.unit) == (150, "千克")


# --- what is not a claim ---------------------------------------------------------------------------

NOT_CLAIMS = [
    # dates and clock times
    "3月23日出发", "2022年春节", "二〇二二年", "发布时间:2022-06-07 11:22:27", "4月3日至今",
    "自2021-2022年度", "22年3月启动", "低于112年同期", "下午三点开会", "早上8点上班", "腊月廿七返岗", "大年三十", "正月十五",
    # ordinals
    "第二批医疗队", "第一时间赶到", "第 3 批", "排名第3位",
    # numbers inside names
    "84消毒液", "党的二十大", "一名90后", "120急救", "1床患者", "2床脑出血", "第二医院", "附三人",
    "三级综合医院", "一、二级医院", "一区和三区", "N95口罩", "COVID-19", "5G网络", "七台河市", "五台山",
    "《天龙八部》", "二院党委",
    # phone numbers, e-mail and web addresses, image names
    "电话0351-1234567", "手机13912345678", "邮箱3220065589@qq.com", "网址www.163.com", "图片16.jpg",
    # the indefinite 一 and 二 before a measure word
    "一名党员", "一支医疗队", "这一个月", "一次次", "一张张口罩", "减少二次感染", "二级医院",
    # idioms and set phrases
    "万无一失", "一丝不苟", "千方百计", "一日三餐", "奋战一线", "一键切换", "查验两码", "三级联动",
    "三天两头", "三番五次", "五位一体", "增强四个意识", "做到两个维护", "“十年动乱”", "千万不要", "百年大计",
    "一次性口罩", "红十字会",
    # list enumerators and words that merely contain numerals
    "一是加强领导", "二是压实责任", "一直坚守", "一起努力", "统一调度", "一定做到", "一些困难",
    "万柏林区", "养兵千日", "十分重要", "零距离接触", "学校四周",
    # session ordinals written without 第
    "十三届全国人大五次会议", "贯彻八次全会精神",
    # codes with leading zeros and run-on digits
    "编号007号", "身份证号110101199003071234",
    # a time, an age range, a cohort or a year of history (issue 20, round 4)
    "更新于 2天前", "三年后再复查", "这两天出入医院的人多", "3至11岁孩子", "十二至十五岁市民",
    "2012级临床医学专业", "2020届毕业生", "五年制同学", "公元前201年", "“20家族”",
]


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_not_a_claim(text):
    assert claims(text) == []


def test_indefinite_one_counts_when_hedged():
    assert claims("这一个月很难") == []
    assert only("奋战近一个月").qualifier == "近"


def test_a_real_count_next_to_excluded_numbers_survives():
    out = claims("第二批医疗队共30名队员于3月23日出发，历时43天。")
    assert [(c.surface, c.start) for c in out] == [("30名", 7), ("43天", 23)]


def test_same_words_counted_when_not_a_session_ordinal():
    assert only("共召开五次会议").value == 5


# --- subject -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, surface, subject", [
    # the noun after the unit
    ("医院调配10000个一次性医用口罩", "10000个", "一次性医用口罩"),
    ("援助队71名勇士出发", "71名", "勇士"),
    ("近200人次的党员赴一线", "近200人次", "党员"),
    ("已完成30余万人的核酸检测工作", "30余万人", "核酸检测工作"),
    ("3.5万支医用口罩和15张负压病床送达", "3.5万支", "医用口罩"),
    ("3.5万支医用口罩和15张负压病床送达", "15张", "负压病床"),
    ("全市5800万贫困人口", "5800万", "贫困人口"),
    # the activity before the number, scope words stripped
    ("截至目前，医院共完成核酸采样45万余人次。", "45万余人次", "核酸采样"),
    ("共开展各类培训19场次，累计培训190余人次。", "19场次", "培训"),
    ("共开展各类培训19场次，累计培训190余人次。", "190余人次", "培训"),
    ("向各区发送协查函12份。", "12份", "协查函"),
    ("共计关停全区基层医疗机构181家。", "181家", "全区基层医疗机构"),
    ("完成终末消毒、随时消毒等64次。", "64次", "随时消毒"),
    ("确诊病例增至1.2万例。", "1.2万例", "确诊病例"),
    # a list of object + number pairs after one verb
    ("街道捐赠一次性医用口罩10000个、84消毒液150千克。", "10000个", "一次性医用口罩"),
    ("街道捐赠一次性医用口罩10000个、84消毒液150千克。", "150千克", "84消毒液"),
    ("23名党员干部职工捐献全血1600ml、20单位血小板；", "23名", "党员干部职工"),
    ("23名党员干部职工捐献全血1600ml、20单位血小板；", "1600ml", "全血"),
    ("23名党员干部职工捐献全血1600ml、20单位血小板；", "20单位", "血小板"),
    # a verb phrase after a distance or time span
    ("累计5000公里安全运输血液。", "5000公里", "运输血液"),
    # zero words
    ("全队实现零感染。", "零感染", "感染"),
    # whole words: a stop character that ends a word with the one before it ends no phrase
    ("共讨论并通过了3个工作报告以及2个绩效考核细则。", "2个", "绩效考核细则"),
    ("共讨论并通过了3个工作报告以及2个绩效考核细则。", "3个", "工作报告"),
    ("从三个方面对企业进行检查。", "三个", "方面"),
    # a quoted word after the unit
    ("专家前后为他进行了1180次“会诊”,平均每天20次,甚至", "1180次", "会诊"),
    # … and a figure of the same unit in the next clause with nothing of its own counts the same
    ("专家前后为他进行了1180次“会诊”,平均每天20次,甚至", "20次", "会诊"),
    # the people it was done for: the verb phrase after them is what was done
    ("义诊现场,我院专家共为600多人提供健康咨询和身体检查。", "600多人", "提供健康咨询"),
    # a figure in brackets after its noun
    ("但门诊就诊病例百分比(0.5%)较前一周上升6.3%。", "0.5%", "门诊就诊病例百分比"),
    # a verb of change with nothing else before the figure; a one-character one is a word too
    ("但门诊就诊病例百分比(0.5%)较前一周上升6.3%。", "6.3%", "上升"),
    ("人次为17,350,虽较前一周下降10.6%,但", "10.6%", "下降"),
    ("复星医药午后涨超5%,截至发稿,涨5.21%,报38.4港元。", "5.21%", "涨"),
    # figures of one unit joined in a list
    ("目标接种率分别为75%及65%。", "65%", "目标接种率"),
    # a one-character noun right after the unit is a whole word
    ("分片包干29个村、社区。", "29个", "村"),
    ("北区、东区及永康区共有26个里的布氏指数达三级以上", "26个", "里"),
    ("全球约有1060万人罹患结核病,130万人死于该病。", "130万人", "死于该病"),
    # a Latin word is a word, a Latin letter is not
    ("医院在地铁站、学校累计布设AED 36台。", "36台", "布设AED"),
    # round 3 (fresh): a code with its digits (COVID-19), a copula after a count, a currency after 元, an
    # adjective and 的 before the noun a count of people or groups counts
    ("新增104例COVID-19确诊,", "104例", "COVID-19确诊"),
    ("新增确诊7例,其中87例为本土病例。", "87例", "本土病例"),
    ("每剂疫苗费用为250元澳门币。", "250元", "每剂疫苗费用"),
    ("共有5名年轻的医生参加。", "5名", "年轻的医生"),
    ("有30多个村里的农机手参加。", "30多个", "村里"),  # a noun before 的 is itself what is counted
    ("共发布两项人民币汇率指数。", "两项", "人民币汇率指数"),  # a currency after no 元 stays
    # nouns joined by a conjunction after a count: the head is the last
    ("共有57个国家和地区参加。", "57个", "国家和地区"),
    ("70家机构类医学资讯及健康科普自媒体加入。", "70家", "机构类医学资讯及健康科普自媒体"),
    ("62家大中型医院和专科医院恢复医疗服务。", "62家", "大中型医院"),  # a verb in the second phrase: not joined
    # no subject in the clause: the clause before that states no figure of its own
    ("居民上万人,老年人多,80岁以上的就有1000多人。", "1000多人", "老年人多"),
    # … passing a clause that is only a figure (63,093、)
    ("(去年同期的就诊病例百分比分别为:63,093、1.3%)。", "1.3%", "去年同期的就诊病例百分比"),
    # nothing fits: no subject rather than a fragment or a discourse word
    ("据统计, 22日,已有近300人到我院。", "近300人", None),
    # a clause saying who spoke names no subject, and a span of time takes none from the clause before
    ("海关总署相关负责人表示,今年前两个月,我国进出口规模创历史同期新高。", "两个月", None),
    ("总理霍尔尼斯表示,100年来,中国共产党始终秉持。", "100年", None),
    # a measure noun after a verb is part of the subject; a time is not one
    ("今年一季度,中央企业累计实现增加值2.6万亿元。", "2.6万亿元", "累计实现增加值"),
    # a subject's edges fall between whole words of its clause: not 次喷发 (再次), not 降水量可 (可达)
    ("这是火山时隔42年再次喷发。", "42年", "喷发"),
    ("局地累计降水量可达100毫米。", "100毫米", "累计降水量"),
    # 累计 before the noun a figure counts is part of its noun phrase; before a verb it is not
    ("累计确诊病例12416例,累计治愈出院病例11338例。", "12416例", "累计确诊病例"),
    ("共开展培训19场次,累计培训190余人次。", "190余人次", "培训"),
    ("美国原油期货价格累计上涨约35%。", "约35%", "上涨"),
    ("今年上半年,我国快递业务量已超1000亿件。", "超1000亿件", "我国快递业务量"),
    # one character that names no thing is no subject: a locative after a span of time, a verb cut
    # from its preposition (the verb phrase instead, as for 130万人死于该病 above), a measure word
    ("在过去两天里,各地报告的病例明显增多。", "两天", None),
    ("近七成用于市民饮用。", "近七成", "用于市民饮用"),
    ("上海港进出国际航行船舶达2.3万艘次。", "2.3万艘次", "上海港进出国际航行船舶"),
    # … but after a count's measure word a one-character noun or place is what is counted
    ("全国31个省都已实现清零。", "31个", "省"),
    # a Latin letter alone is no subject, one inside a word is part of it
    ("共有3个A。", "3个", None),
    ("其中,A 3个。", "3个", None),
    ("设置了5个B型站点。", "5个", "B型站点"),
    # a time word alone says when, not what, unless a count's measure word counts it
    ("总投资1850亿元今天公布。", "1850亿元", "总投资"),
    ("历经43个日夜的奋战。", "43个", "日夜"),
    # a place, or words ending with a verb, before the figure: the verb phrase after it says what
    ("美国有超过111万人死于枪支暴力事件。", "超过111万人", "死于枪支暴力事件"),
    ("中国推动三亿人参与冰雪运动。", "三亿人", "参与冰雪运动"),
    # 同比 is no subject; the verb of change is, as in 较前一周下降10.6%
    ("出口130.7亿元,同比增长22.5%。", "22.5%", "增长"),
    # the noun after the unit ends at an adverb or an ordinal (by word classes), not only at listed words
    ("6名航天员首次在空间站留下足迹。", "6名", "航天员"),
    ("青海省17个贫困县正式退出贫困县序列。", "17个", "贫困县"),
    ("90位议员第一次在国徽下宣誓。", "90位", "议员"),
    ("共有33个疫苗接种点。", "33个", "疫苗接种点"),
    # a place alone before a figure that ends its clause says where: the clause before says what,
    # unless it states a figure of its own (其中台南11例 is a breakdown by place)
    ("同时邻近县市已有本土病例,国内累计12例。", "12例", "邻近县市已有本土病例"),
    ("国内已累计166例境外移入病例,其中台南11例。", "11例", "台南"),
    # a short aside in brackets inside the noun after the unit is passed over; a list in brackets is not
    ("全市200家村(社区)卫生室。", "200家", "村(社区)卫生室"),
    ("31个省（自治区、直辖市）报告新增病例。", "31个", "省"),
    # a one-character preposition or conjunction beside one character is too often inside an unknown
    # word to be cut off (在院治疗, 惠及); an adverb is cut (业务量已)
    ("其中治愈出院2011例,在院治疗178例。", "178例", "在院治疗"),
    ("预计惠及约120万人。", "约120万人", "预计惠及"),
    # an adverb after the unit ends the noun only right after a noun (30余人早早赶来: no noun before)
    ("刘长根等30余人早早赶来体检。", "30余人", "早早赶来体检"),
    # nothing is cut off beside a surname (an unknown name); a time word before a noun names people
    ("三篇徐凡的论文获奖。", "三篇", "徐凡"),  # (was 这两年…: 这两年 is now the time of the narrative, no claim)
    ("我们见到了36岁的青年科学家徐凡。", "36岁", "青年科学家徐凡"),
    # 多达 links like 达; 上届 is a comparison base like 上年
    ("美国有多达5400多万人。", "5400多万人", "美国"),
    ("企业参展,比上届增加2419家。", "2419家", "增加"),
    # a count of people whose clause names nothing: the clause before (cut at its adverb), or the teams
    # counted right before it; after another kind of figure, no guess
    ("党员突击队迅速集结,12人全部到岗。", "12人", "党员突击队"),
    ("我院派出医疗队,共15人。", "15人", "医疗队"),
    ("医院组建了3支医疗队,共计120人。", "120人", "医疗队"),
    ("新增确诊病例45例,共计120人。", "120人", None),
    # an ordinal or a count of times (首次, 第一次) does not end a subject before the figure
    ("社会消费品零售总额首次超过50万亿元。", "超过50万亿元", "社会消费品零售总额"),
    # yearly averages are scope words like 日均
    ("城镇新增就业年均1270多万人。", "1270多万人", "就业"),
    # round 4 (issue 20)
    # a clause led by an adverb or preposition and ending with a verb stands before the noun counted
    ("3月7日入境的2名曾在外国确诊的澳门居民,在医学观察期间检测阳性。", "2名", "澳门居民"),
    # an adjective before 的 after any count's unit describes the noun counted
    ("本次义诊共用了4台先进的超声诊断仪器。", "4台", "先进的超声诊断仪器"),
    # a count of people followed by no noun: what they did
    ("本次大赛同步开展在线直播和解说,4200余人在线观摩。", "4200余人", "在线观摩"),
    ("已有近300人到我院贴敷了“三九贴”。", "近300人", "到我院贴敷"),
    # a count's noun after a quoted name (a measure's is what is measured: 总面积448.6万平方公里的“三北”工程区)
    ("组建了一支16人的“肺癌早筛”义诊团队。", "16人", "义诊团队"),
    ("在总面积448.6万平方公里的“三北”工程区。", "448.6万平方公里", "总面积"),
    # after a measure, a one-character adjective and 的 lead to the thing measured, or to none (长 alone says how)
    ("河水由2.8公里长的承压钢管向下输送。", "2.8公里", "承压钢管"),
    ("16日，为期3天的第16届世界未来能源峰会开幕。", "3天", None),  # 为期 (lasting) is no subject
    # a span with 前 before the figure is a time, dropped from the subject
    ("高新技术企业数量从十多年前的4.9万家增加到33万家。", "4.9万家", "高新技术企业数量"),
    ("区生产总值达到3万亿，是十年前的2.1倍。", "2.1倍", None),
    # after the verb only a time: the topic before the verb
    ("低保平均标准达到每人每年6848元。", "6848元", "低保平均标准"),
    # a locative opens no deed of the people counted; 非常 before 任 is no adverb of a clause
    ("17人中有14名党员。", "17人", None),
    ("10个非常任理事国提出的草案", "10个", "非常任理事国"),
])
def test_subject(text, surface, subject):
    c = next(c for c in claims(text) if c.surface == surface)
    assert c.subject == subject


@pytest.mark.parametrize("text, unit", [
    ("全社会用电量8205亿千瓦时。", "千瓦时"), ("装机容量37.5亿千瓦。", "千瓦"), ("储能电站装机规模300兆瓦。", "兆瓦"),
    ("运载进出境集装箱1634.6万标箱。", "标箱"), ("中欧班列累计开行突破3万列。", "列"), ("草鱼苗种520万尾。", "尾"),
    ("日均查验出入境交通工具超230架次。", "架次"), ("宣传稿件460余篇次。", "篇次"),
])
def test_units_of_power_trips_and_items(text, unit):
    assert only(text).unit == unit


def test_segment_cuts_whole_words_and_keeps_figures_whole():
    from ingest.extract.claim_words import segment
    assert segment("完成营造林超663万亩")[-2:] == ("663", "万亩")
    assert "14.9" in segment("的14.9万名境外采购商")
    assert segment("再次喷发") == ("再次", "喷发")


# --- scope: cumulative, period, sentence ---------------------------------------------------------------

def test_cumulative_from_scope_words():
    out = claims("截至目前，共开展培训19场次，累计培训190余人次。")
    assert [c.cumulative for c in out] == [True, True]
    assert only("中心共有72名党员下沉社区").cumulative is True
    assert only("累计运输5000公里").cumulative is True


def test_cumulative_stays_in_its_clause():
    out = claims("检测样本共计5万余份，阳性率为0.01%。")
    assert [(c.surface, c.cumulative) for c in out] == [("5万余份", True), ("0.01%", False)]
    assert only("公共卫生服务3项").cumulative is False
    assert only("共同完成5次").cumulative is False


def test_period_from_the_sentence():
    c = only("自4月23日至6月6日，核酸实验室共完成核酸检验样本243859管。")
    assert c.period == "4月23日至6月6日"
    assert c.cumulative is True
    assert only("4月3日至今，先后近200人次参与采样。").period == "4月3日至今"
    assert only("今年以来，共收治30人。").period == "今年以来"
    assert only("共收治30人。").period is None


def test_sentence_is_the_one_holding_the_claim():
    text = "疫情发生后，院党委迅速行动。全院共派出医疗队3支！其余人员坚守岗位；随时待命"
    c = only(text)
    assert c.sentence == "全院共派出医疗队3支"
    text = "第一句话\n共有30名队员出发\n第三句"
    assert only(text).sentence == "共有30名队员出发"


# --- robustness and speed ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", " ", "\n\n", "。。。", "一", "万", "零", "-", "%", "百分之", "第", "3",
                                  "3-", "-5", "1" * 5000 + "人", "一" * 5000 + "人", "3人" * 2000])
def test_edge_inputs_never_raise(text):
    claims(text)


_ALPHABET = list("0123456789１２３.,，。；;：:、-—至到~零一二两三四五六七八九十廿百千万萬亿余多近约超逾上数几来"
                 "个人名次天年月日小时%％第附初下点之分成以左右半的共累计截至“”《》()（）@/ \n") + [
    "人次", "个月", "零下", "百分之", "千克", "ml", "零感染", "一次性", "七台河", "公里", "单位"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=40).map("".join))
def test_numeral_heavy_text_keeps_offsets(text):
    claims(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_random_unicode_never_raises_and_offsets_hold(text):
    claims(text)


# --- the data tables ---------------------------------------------------------------------------------

def test_unit_table_normalises_spellings():
    units = tables().units
    assert {units[s].normalised for s in ("毫升", "ml", "mL")} == {"ml"}
    assert {units[s].normalised for s in ("公斤", "kg", "千克")} == {"千克"}
    for spelling in ("人次", "名", "人", "支", "张", "份", "例", "家", "批", "管", "千克", "ml", "单位", "公里",
                     "元", "剂次", "台", "套", "箱", "小时", "天", "%"):
        assert spelling in units
    assert all(u.kind in {"count", "measure", "time", "percent"} for u in units.values())
    assert all(u.forms in {"any", "arabic", "chinese"} for u in units.values())


def test_hedge_table_covers_the_hedges():
    hedges = {h.hedge: h.qualifier for hs in tables().hedges.values() for h in hs}
    for hedge in ("余", "多", "近", "约", "超", "超过", "逾", "上", "数"):
        assert hedge in hedges


# --- classes of error found on held-out pages (tests/corpus/unseen) ------------------------------------

@pytest.mark.parametrize("text, surface, value, unit, qualifier", [
    # thousands grouped by a space (Hong Kong, Taiwan) and the unit 宗 for cases
    ("中心录得新增14 258宗确诊个案。", "14 258宗", 14258, "宗", None),
    ("共有1 378名病人留医。", "1 378名", 1378, "名", None),
    # Arabic digits going on after 万 with their own multiplier
    ("清除积水容器约3万6千个。", "约3万6千个", 36000, "个", "约"),
    # 约 with a verb between it and the number
    ("全球约有900万人感染麻疹。", "约有900万人", 9_000_000, "人", "约"),
    # a multiple takes a hedge after it
    ("消耗量增加了三倍多。", "三倍多", 3, "倍", "多"),
    # 四成五: tenths go on after 成
    ("接种率约为四成五。", "约为四成五", 4.5, "成", "约"),
    # 本 counts books and notebooks
    ("笔记本记满了二十多本。", "二十多本", 20, "本", "多"),
])
def test_held_out_forms(text, surface, value, unit, qualifier):
    c = only(text)
    assert (c.surface, c.value, c.unit, c.qualifier) == (surface, pytest.approx(value), unit, qualifier)


# --- round 3: classes of error found on the pages of 53 new sites (tests/corpus/dev/fresh) --------------

@pytest.mark.parametrize("text, surface, value, unit, qualifier", [
    # the digits below 万 written after it (Taiwan, Hong Kong)
    ("累计治愈出院病例9万1811例。", "9万1811例", 91811, "例", None),
    ("确诊126万6727人。", "126万6727人", 1266727, "人", None),
    # one space setting the digits apart from their hedge, magnitude or unit
    ("开展培训教育 40 余场次。", "40 余场次", 40, "场次", "余"),
    ("发送宣传短信 5 万余条。", "5 万余条", 50000, "条", "余"),
    ("追回医疗费用 75.80 万元。", "75.80 万元", 758000, "元", None),
    ("现时已有约 150 名中医师参与。", "约 150 名", 150, "名", "约"),
    # measure words of the broad list (CC-CEDICT) and spoken yuan
    ("宣传读本1000册。", "1000册", 1000, "册", None),
    ("设立161处检测点。", "161处", 161, "处", None),
    ("300块钱换到挂号单。", "300块钱", 300, "块钱", None),
    # a temperature with the degree sign and C
    ("明日最低8°C。", "8°C", 8, "°C", None),
    # digits grouped in thousands state an amount without a unit
    ("门诊类流感就诊人次为17,350,较前一周下降。", "17,350", 17350, None, None),
])
def test_fresh_forms(text, surface, value, unit, qualifier):
    c = only(text)
    assert (c.surface, c.value, c.unit, c.qualifier) == (surface, pytest.approx(value), unit, qualifier)


@pytest.mark.parametrize("text", [
    "热线2125 1111查询",  # a phone number written in two groups of four
    "半夜两三点就醒",  # a clock time after a time-of-day word
    "本地居民", "本科学历", "宗旨意识",  # 本 and 宗 starting other words
    "热线2125 1111", "于2022 年", "1万5",  # a space before no unit; one digit after 万 with no unit
    "确诊超2577 多地",
    # a broad list's measure word inside another word, an idiom, or numbering a series
    "两层面", "一方有难,八方支援", "四通八达", "河南三门峡", "召开19届六中全会", "1床患者",
    "几十年如一日", "数十年来",  # a vague span of time (数百人 stays a count)
    "就诊人次为17350,", "人数为1,2",  # no unit and no thousands grouping
])
def test_held_out_not_claims(text):
    assert claims(text) == []


@pytest.mark.parametrize("text, surface, subject", [
    # a verb inside a noun for a person (负责人) or a measured amount (接诊量, 消杀面积)
    ("相关处室负责人共150余人参加会议。", "150余人", "相关处室负责人"),
    ("共有30名负责人参加会议。", "30名", "负责人"),
    ("睡眠门诊接诊量超过1.8万人次。", "超过1.8万人次", "睡眠门诊接诊量"),
    ("消杀面积超过12万平方米。", "超过12万平方米", "消杀面积"),
    # a bracketed aside between the thing and its number
    ("医用防护口罩（N95）2万只。", "2万只", "医用防护口罩"),
    # 从A提高到B: the second figure counts what the first one counts; a year is no subject
    ("全乡住院分娩率从不足三成提高到百分之九十八。", "百分之九十八", "全乡住院分娩率"),
    ("国家数量从2021年的22个增加到2022年的37个。", "22个", "国家数量"),
    ("国家数量从2021年的22个增加到2022年的37个。", "37个", "国家数量"),
    # a bare verb with its aspect mark: the subject is the topic before it
    ("他的摩托车已经换了三辆。", "三辆", "摩托车"),
    # 内、外 is a pair of places, not the start of the subject
    ("支援区内、外核酸采集79万余人次。", "79万余人次", "核酸采集"),
    # the noun after the unit ends at an adverb of manner or state
    ("医疗队128名队员平安返杭。", "128名", "队员"),
    ("156名队员全部实现零感染。", "156名", "队员"),
])
def test_held_out_subjects(text, surface, subject):
    c = next(c for c in claims(text) if c.surface == surface)
    assert c.subject == subject


# --- the named steps of reading one numeral (_number_claim) -------------------------------------------

def numeral_at(text: str, numeral: str) -> tuple[int, int, str]:
    """(start, end, core) of the candidate numeral run `numeral` in `text`."""
    m = next(m for m in _candidates().finditer(text) if m.group("num") == numeral)
    return m.start("num"), m.end("num"), numeral


@pytest.mark.parametrize("text,numeral,expected", [
    ("第二批", "二", True), ("N95口罩", "95", True), ("正月初三", "三", True), ("三月十五", "十五", True),
    ("《关于10条措施》", "10", True), ("编号007号", "007", True), ("共有3名医生", "3", False),
])
def test_codes_ordinals_dates_and_titles_are_no_count(text, numeral, expected):
    s, e, core = numeral_at(text, numeral)
    assert _is_code_or_ordinal(text, s, e, core, core[0].isdigit(), []) is expected


def test_a_numeral_inside_a_masked_span_is_no_count():
    text = "热线12345678转"
    assert _is_code_or_ordinal(text, 2, 10, "12345678", True, []) is False
    assert _is_code_or_ordinal(text, 2, 10, "12345678", True, [(0, 10)]) is True  # the span of a phone number
    assert _is_code_or_ordinal(text, 2, 10, "12345678", True, [(10, 11)]) is False


def test_core_reading_reads_the_value_range_and_inner_hedge():
    r = _core_reading("30余万", True, 5, 9)
    assert (r.start, r.end, r.value, r.value_max, r.qualifier, r.stripped) == (5, 9, 300000, None, "余", "30万")
    assert (_core_reading("三四百", False, 0, 3).value, _core_reading("三四百", False, 0, 3).value_max) == (300, 400)
    assert (_core_reading("五至六百", False, 0, 4).value, _core_reading("五至六百", False, 0, 4).value_max) == (500, 600)
    assert _core_reading("二〇二二", False, 0, 4) is None  # digits read one by one
    assert _core_reading("零", False, 0, 1) is None


def test_before_the_number_a_sign_or_a_hedge():
    assert _hedge_or_sign_before("气温-5℃", 3, 4, "5", True) == (2, True, None)
    assert _hedge_or_sign_before("零下5度", 2, 3, "5", True) == (0, True, None)
    assert _hedge_or_sign_before("约300人", 1, 4, "300", True) == (0, False, "约")
    assert _hedge_or_sign_before("COVID-19病例", 6, 8, "19", True) == (6, False, None)  # a code's dash


def test_after_the_number_a_hedge_before_the_unit():
    assert _hedge_after_number("200多人", 3, "200") == (4, "多")
    assert _hedge_after_number("十来个", 1, "十") == (2, "约")
    assert _hedge_after_number("15来个", 2, "15") == (2, None)  # 来 follows only a round number


def test_found_adds_the_half_then_turns_a_negative_range_round():
    f = _found("零下3至5度半", _Reading(0, 8, 3, 5, None, "3至5", half=True, negative=True))
    assert (f.claim.surface, f.claim.value, f.claim.value_max, f.unit_end) == ("零下3至5度半", -5.5, -3.5, 8)


def test_a_single_age_and_a_span_stay_claims():
    assert [(c.surface, c.unit) for c in claims("预期寿命79.6岁,患者67岁,潜伏期约3天,65岁以上老人。")] == [
        ("79.6岁", "岁"), ("67岁", "岁"), ("约3天", "天"), ("65岁以上", "岁")]


def test_a_pronoun_and_a_time_before_a_figure_are_no_subject():
    assert next(c.subject for c in claims("这个月就有23个。") if c.surface == "23个") is None
