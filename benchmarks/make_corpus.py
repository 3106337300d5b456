"""Generate a deterministic corpus of Chinese news pages for benchmarking `ingest add`.

    python benchmarks/make_corpus.py N OUT [--seed S] [--per-folder 1000] [--force]

N is the number of ARTICLES (a newspaper page holding three articles counts three). The pages are
recombined from the sentences, sub-headings and captions of `seeds/*.txt`, with fresh person,
place and organisation names, dates and figures, and dressed the way real saved pages are: some in
Traditional script, some with web-page chrome (site bar, breadcrumb, metadata line, font-size
widget, view counter, image file names, share / previous / next links, disclaimers), some as
multi-article newspaper pages with `## ` headlines and `本报讯(记者 …)` bylines. The same N and seed
always give byte-identical files: only `random.Random(seed)` is used and every pool is a list in
a fixed order. `OUT/corpus.json` records the counts (the benchmark reads its character total).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MANIFEST = "corpus.json"
# Bump when the generator's output changes on purpose, so cached corpora are rebuilt.
FORMAT_VERSION = 1

# ---------------------------------------------------------------------------------------------
# Built-in name lists: small on purpose, but enough for tens of thousands of distinct people.
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡杜叶程苏魏吕丁"
                "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤")
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞",
         "平", "刚", "晶", "珊", "钰", "滨", "宇", "阳", "冰", "秀兰", "桂英", "晓红", "建国", "志强", "丹丹", "亮亮",
         "海燕", "文林", "少峰", "忠理", "倩云", "晓萌", "太迎", "欣欣", "宏伟", "新刚", "远飞", "东生", "寒冰",
         "晓峰", "丽娜", "建军", "从容", "梦琪", "孝东", "玉兰", "春梅", "志刚", "国庆", "红梅", "雪松", "思远"]
# (full name, short name) of cities and districts.
PLACES = [("太原市", "太原"), ("长治市", "长治"), ("晋中市", "晋中"), ("大同市", "大同"), ("哈尔滨市", "哈尔滨"),
          ("齐齐哈尔市", "齐齐哈尔"), ("牡丹江市", "牡丹江"), ("佳木斯市", "佳木斯"), ("延庆区", "延庆"),
          ("海淀区", "海淀"), ("古塔区", "古塔"), ("锦州市", "锦州"), ("大连市", "大连"), ("鞍山市", "鞍山"),
          ("长春市", "长春"), ("石家庄市", "石家庄"), ("保定市", "保定"), ("郑州市", "郑州"), ("洛阳市", "洛阳"),
          ("西安市", "西安"), ("兰州市", "兰州"), ("包头市", "包头"), ("济南市", "济南"), ("青岛市", "青岛"),
          ("杭州市", "杭州"), ("宁波市", "宁波"), ("南京市", "南京"), ("苏州市", "苏州"), ("合肥市", "合肥"),
          ("武汉市", "武汉"), ("长沙市", "长沙"), ("南昌市", "南昌"), ("福州市", "福州"), ("广州市", "广州"),
          ("成都市", "成都"), ("昆明市", "昆明"), ("贵阳市", "贵阳"), ("南宁市", "南宁"), ("银川市", "银川"),
          ("西宁市", "西宁"), ("清徐县", "清徐"), ("小店区", "小店"), ("迎泽区", "迎泽"), ("浦东新区", "浦东")]
PROVINCES = ["山西省", "黑龙江省", "辽宁省", "吉林省", "河北省", "河南省", "陕西省", "甘肃省", "山东省", "浙江省",
             "江苏省", "安徽省", "湖北省", "湖南省", "江西省", "福建省", "广东省", "四川省", "云南省", "贵州省"]
ORG_KINDS = ["人民医院", "中医医院", "第二医院", "第三医院", "中心医院", "妇幼保健院", "疾病预防控制中心", "血液中心",
             "卫生健康委员会", "卫健局", "急救中心", "传染病医院", "儿童医院", "医学院附属医院", "公安局指挥中心"]
DEPTS = ["宣传科", "党院办", "党委办公室", "医务科", "护理部", "院办", "宣传中心", "办公室"]
ROLES = ["党委书记", "院长", "副院长", "党委副书记", "主任", "副主任", "科长", "护士长", "纪委书记", "政委",
         "党委书记、主任", "党委副书记、院长", "副领队", "领队"]
ACTIVITIES = ["核酸采集", "疫苗接种", "党建共建交流活动", "业务查房", "健康义诊", "应急演练", "志愿服务",
              "防疫物资捐赠", "院感防控培训", "爱眼日宣教活动", "无偿献血", "健康宣教进社区"]
SECTIONS = [("医院动态", "医院新闻"), ("新闻中心", "工作动态"), ("党建工作", "党建动态"), ("疫情防控", "防控动态"),
            ("健康科普", "科普知识")]
COLUMNS = ["致敬", "抗疫一线", "党建引领", "最美逆行者", "战疫日记"]
# A figure's hedge: before it (`近200人次`) or after it (`45万余人次`), never both.
HEDGES = [("", ""), ("", ""), ("", ""), ("", ""), ("近", ""), ("约", ""), ("超过", ""), ("", "余"), ("", "多")]
# A unit as written and the spellings it may be swapped for.
UNITS = {"人次": ["人次", "人次", "人"], "名": ["名", "名", "位", "人"], "人": ["人", "名"], "个": ["个", "个", "份"],
         "份": ["份", "个"], "家": ["家", "所"], "次": ["次", "次", "场"], "例": ["例"], "场次": ["场次", "场"],
         "管": ["管", "份"], "千克": ["千克", "公斤"], "公里": ["公里", "千米"], "单位": ["单位"], "支": ["支", "只"],
         "张": ["张"], "批": ["批"], "天": ["天", "日"], "ml": ["ml", "毫升"]}

# Names, places and organisations the seeds use: replaced in every recombined sentence.
SEED_PEOPLE = ["刘亮亮", "杨钰", "石寒冰", "孙东生", "陈远飞", "魏新刚", "李宏伟", "刘宇", "刘滨", "潘晓峰", "王欣欣",
               "姜晓萌", "赵太迎", "白林", "张丽", "闫珊", "张倩云", "黄晶", "张丹丹", "孙丽娜", "魏勇", "郝孝东",
               "刘忠理", "张文林", "张伟", "田建军", "郝少峰", "牛晓红", "郭伟", "张从容", "张阳", "高冰", "郝梦琪"]
SEED_PLACES = ["哈尔滨市", "哈尔滨", "太原市", "长治市", "延庆区", "齐齐哈尔", "古塔区", "晋源区", "万柏林区",
               "迎泽区", "杏花岭区", "清徐县", "小店区"]
SEED_ORGS = ["长治市中医医院", "长治医学院附属和济医院", "太原市人民医院", "哈尔滨市第二医院", "北京市延庆区医院",
             "延庆区医院", "长治市公安局指挥中心", "长治市公安局", "黑龙江中医药大学附属第二医院"]

# Lines of a seed that are page chrome, bylines or metadata, never recombined into body text.
SEED_CHROME = re.compile(r"免责声明|免責聲明|举报|舉報|分享到|相关|相關|上一篇|下一篇|内网|您所在的位置|字号|浏览次数|"
                         r"发布时间|来源[:：]|正在获取|\.jpg|^\+|^##|[|｜]|^[文图]/|^本报讯")
SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]+[”」]?")
LEADING_BYLINE = re.compile(r"^\s*本报讯[(（][^()（）]*[)）]")
TRAILING_AUTHORS = re.compile(r"[(（][\u4e00-\u9fff\s]{2,20}[)）]\s*$")
CAPTION = re.compile(r"合影|留念|[(（](?:中|左一|右一)[)）]|物资$")

NUM_UNITS = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
# One slot pattern: a date, a figure with its hedge and unit, a person, an organisation, a place.
SLOTS = re.compile(
    r"(?P<date>(?:(?:19|20)\d{2}年)?(?<!\d)(?:1[0-2]|[1-9])月(?:3[01]|[12]\d|[1-9])日)"
    r"|(?P<num>(?:近|约|超过)?(?<![\d.])\d+(?:\.\d+)?(?:万)?(?:余|多)?(?:" + NUM_UNITS + r")?(?![\d.]|月|后|床|米|级|区|号|年|消毒|小时))"
    r"|(?P<org>" + "|".join(map(re.escape, sorted(SEED_ORGS, key=len, reverse=True))) + r")"
    r"|(?P<person>" + "|".join(map(re.escape, sorted(SEED_PEOPLE, key=len, reverse=True))) + r")"
    r"|(?P<place>" + "|".join(map(re.escape, sorted(SEED_PLACES, key=len, reverse=True))) + r")")
NUM_PARTS = re.compile(r"^(近|约|超过)?(\d+(?:\.\d+)?)(万)?(余|多)?(.*)$")

# Sentences of our own that carry the things the extractors look for, with slots filled per article.
TEMPLATES = [
    "{date},{org}{role}{person}带队前往{place}开展{activity}工作。",
    "截至{date},{org}累计完成核酸采样{num:人次}。",
    "{person}({role})表示:“我们将继续全力以赴,守护好群众的生命健康。”",
    "当天,{org}共派出医护人员{num:名},分{num:批}支援{place}。",
    "{date}至{date},{org}核酸实验室共完成样本检测{num:管}。",
    "{province}{org}{role}{person}、{role}{person}等参加活动。",
    "活动现场,{org}向社区捐赠医用口罩{num:个}、消毒液{num:千克}。",
    "据{org}{role}{person}介绍,目前已有{num:名}党员干部下沉社区一线。",
    "{date},{place}新增本土确诊病例{num:例},无症状感染者{num:例}。",
    "{org}{role}{person}在{place}调研时强调,要毫不放松抓好常态化疫情防控。",
    "连日来,{org}医护人员连续奋战{num:天},累计转运血液{num:公里}。",
    "{person}、{person}两位同志被授予“抗疫先进个人”称号。",
]
TITLE_TEMPLATES = [
    "{org}{role}{person}一行慰问抗疫一线工作人员",
    "{org}开展{activity}",
    "{org}与{org}开展党建共建交流活动",
    "{org}{role}{person}在{place}调研疫情防控工作",
    "{place}:{heading}",
    "【{column}】{heading}",
    "{org}{heading}",
    "{org}圆满完成{activity}任务",
]
CLOSING_TEAMS = ["志愿者服务队", "宣传科", "摄影 本站记者", "院办"]


@dataclass
class CorpusStats:
    """What was written; stored as `corpus.json` beside the files and printed as one line."""

    n: int
    seed: int
    files: int = 0
    articles: int = 0
    chars: int = 0
    bytes: int = 0
    traditional_files: int = 0
    multi_article_files: int = 0
    chrome_files: int = 0
    version: str = ""
    styles: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        return (f"files {self.files}, articles {self.articles}, chars {self.chars}, bytes {self.bytes} "
                f"({self.bytes / 1e6:.1f} MB), traditional files {self.traditional_files}, "
                f"multi-article files {self.multi_article_files}, files with chrome {self.chrome_files}")


# ---------------------------------------------------------------------------------------------
# The seed pools.

@dataclass
class Pools:
    """Recombinable pieces of the seeds: sentences and short lines, as lists of text and slots."""

    sentences: list[list]
    headings: list[list]
    captions: list[list]


def _compile(text: str) -> list:
    """Text with its dates, figures and seed names turned into slots: a list of str and (kind, text)."""
    parts: list = []
    pos = 0
    for m in SLOTS.finditer(text):
        if m.start() > pos:
            parts.append(text[pos:m.start()])
        parts.append((m.lastgroup, m.group()))
        pos = m.end()
    if pos < len(text):
        parts.append(text[pos:])
    return parts


def generator_version() -> str:
    """Hash of this script, the seeds and the format version: a cached corpus is reused only if it matches."""
    h = hashlib.sha256(f"v{FORMAT_VERSION}".encode())
    h.update(Path(__file__).read_bytes())
    for path in sorted(SEEDS.glob("*.txt")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def load_pools() -> Pools:
    """Sentences, sub-headings and captions of every seed, in Simplified script, in file order."""
    to_simplified = opencc.OpenCC("t2s")
    sentences: dict[str, None] = {}
    headings: dict[str, None] = {}
    captions: dict[str, None] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8-sig")
        lines = [to_simplified.convert(line.strip()) for line in raw.splitlines()]
        lines = [line for line in lines if line]
        repeated = {line for line in lines if lines.count(line) > 1}
        for k, line in enumerate(lines):
            if k == 0 or line in repeated or SEED_CHROME.search(line):
                continue
            line = TRAILING_AUTHORS.sub("", LEADING_BYLINE.sub("", line))
            if len(line) <= 30 and "。" not in line:
                if CAPTION.search(line):
                    captions[line] = None
                elif len(line) >= 6:
                    headings[line] = None
                continue
            if len(line) <= 60 and CAPTION.search(line) and not line.endswith("。"):
                captions[line] = None
                continue
            for sentence in SENTENCE.findall(line):
                sentence = sentence.strip()
                if 10 <= len(sentence) <= 220 and not SEED_CHROME.search(sentence):
                    sentences[sentence] = None
    return Pools(sentences=[_compile(s) for s in sentences], headings=[_compile(h) for h in headings],
                 captions=[_compile(c) for c in captions])


@lru_cache(maxsize=1)
def _templates() -> tuple[list[list], list[list]]:
    """Our own sentence and title templates as part lists (`{slot}` and `{num:unit}` become slots)."""
    def parse(t: str) -> list:
        parts: list = []
        for piece in re.split(r"(\{[^}]+\})", t):
            if piece.startswith("{"):
                kind, _, arg = piece[1:-1].partition(":")
                parts.append(("t-" + kind, arg))
            elif piece:
                parts.append(piece)
        return parts
    return [parse(t) for t in TEMPLATES], [parse(t) for t in TITLE_TEMPLATES]


# ---------------------------------------------------------------------------------------------
# One article.

class _Article:
    """Fills slots for one article, keeping each seed person, place and organisation consistent."""

    def __init__(self, rng: random.Random, year: int) -> None:
        self.rng = rng
        self.year = year
        self.people: dict[str, str] = {}
        self.places: dict[str, tuple[str, str]] = {}
        self.orgs: dict[str, str] = {}
        self.used: set[tuple[int, int]] = set()

    def pick(self, pool: list[list]) -> list | None:
        """A pool item this article has not used yet (real articles do not repeat a line), None if none is left."""
        start = self.rng.randrange(len(pool))
        for k in range(start, start + len(pool)):
            key = (id(pool), k % len(pool))
            if key not in self.used:
                self.used.add(key)
                return pool[k % len(pool)]
        return None

    def person(self, key: str | None = None) -> str:
        if key is not None and key in self.people:
            return self.people[key]
        rng = self.rng
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if key is not None:
            self.people[key] = name
        return name

    def place(self, key: str | None = None) -> tuple[str, str]:
        if key is not None and key in self.places:
            return self.places[key]
        place = self.rng.choice(PLACES)
        if key is not None:
            self.places[key] = place
        return place

    def org(self, key: str | None = None) -> str:
        if key is not None and key in self.orgs:
            return self.orgs[key]
        org = self.place()[0] + self.rng.choice(ORG_KINDS)
        if key is not None:
            self.orgs[key] = org
        return org

    def date(self, with_year: bool | None = None) -> str:
        rng = self.rng
        text = f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
        if with_year if with_year is not None else rng.random() < 0.2:
            text = f"{self.year}年" + text
        return text

    def number(self, original: str = "", unit: str | None = None) -> str:
        """A figure like the original (`45万余人次`): as many digits, another hedge, maybe another unit."""
        rng = self.rng
        m = NUM_PARTS.match(original) if original else None
        digits = m.group(2) if m else str(rng.randint(1, 999))
        wan = (m.group(3) or "") if m else ""
        tail = (m.group(5) or "") if m else (unit or "")
        whole, _, frac = digits.partition(".")
        value = str(rng.randint(10 ** (len(whole) - 1) if len(whole) > 1 else 1, 10 ** len(whole) - 1))
        if frac:
            value += "." + str(rng.randint(1, 9))
        if not wan and len(whole) <= 2 and rng.random() < 0.1:
            wan = "万"
        if tail in UNITS:
            tail = rng.choice(UNITS[tail])
        before, after = rng.choice(HEDGES)
        if after and (frac or (len(whole) < 2 and not wan)):
            after = ""  # `1多个`, `3.5余` are not written
        return before + value + wan + after + tail

    def fill(self, parts: list, out: list[str]) -> None:
        """Append the text of a part list to `out`, a fragment at a time (so conversion can be cached)."""
        rng = self.rng
        for part in parts:
            if type(part) is str:
                out.append(part)
                continue
            kind, text = part
            if kind == "person":
                out.append(self.person(text))
            elif kind == "place":
                full, short = self.place(text)
                out.append(full if text[-1] in "市区县" else short)
            elif kind == "org":
                out.append(self.org(text))
            elif kind == "date":
                out.append(self.date("年" in text or None))
            elif kind == "num":
                out.append(self.number(text))
            elif kind == "t-date":
                out.append(self.date())
            elif kind == "t-num":
                out.append(self.number(unit=text))
            elif kind == "t-person":
                out.append(self.person())
            elif kind == "t-place":
                out.append(self.place()[0])
            elif kind == "t-org":
                out.append(self.org())
            elif kind == "t-role":
                out.append(rng.choice(ROLES))
            elif kind == "t-activity":
                out.append(rng.choice(ACTIVITIES))
            elif kind == "t-province":
                out.append(rng.choice(PROVINCES))
            elif kind == "t-column":
                out.append(rng.choice(COLUMNS))
            elif kind == "t-heading":
                self.fill(self.pick(load_pools().headings) or ["疫情防控在行动"], out)
            else:  # pragma: no cover - a template typo
                raise ValueError(f"unknown slot {kind}")

    def text(self, parts: list) -> list[str]:
        out: list[str] = []
        self.fill(parts, out)
        return out


def _title(a: _Article) -> list[str]:
    _, titles = _templates()
    return a.text(a.rng.choice(titles))


def _paragraph(a: _Article, pools: Pools) -> list[str]:
    """One body paragraph: one to five sentences, now and then one of our templates among them."""
    rng = a.rng
    templates, _ = _templates()
    out: list[str] = []
    for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 5))):
        a.fill(rng.choice(templates) if rng.random() < 0.15 else a.pick(pools.sentences) or rng.choice(templates), out)
    return out


def _body(a: _Article, pools: Pools, *, dateline: bool, images: list[str] | None,
          alt_title: list[str] | None) -> list[list[str]]:
    """The article's lines (each a fragment list): paragraphs, sub-headings, captions, images."""
    rng = a.rng
    n = rng.randint(4, 14) if rng.random() < 0.9 else rng.randint(15, 30)
    lines: list[list[str]] = []
    for k in range(n):
        roll = rng.random()
        if k > 0 and roll < 0.12 and (heading := a.pick(pools.headings)):
            lines.append(a.text(heading))
        elif k > 0 and 0.12 <= roll < 0.18 and (caption := a.pick(pools.captions)):
            lines.append(a.text(caption))
        elif k > 0 and images is not None and roll < 0.26:
            lines.append([rng.choice(("图片", "IMG_", "pic", "")) + str(rng.randint(1, 9999))
                          + rng.choice((".jpg", ".jpg", ".png", ".jpeg"))])
            if alt_title is not None and rng.random() < 0.5:
                lines.append(alt_title)
        elif k > 0 and alt_title is not None and roll < 0.30:
            lines.append(alt_title)  # the headline repeated as an image's alt text
        else:
            lines.append(_paragraph(a, pools))
    if dateline:
        who = [rng.choice(("记者 ", "记者")) + a.person()]
        if rng.random() < 0.6:
            who.append(a.person())
        if rng.random() < 0.7:
            who.append("通讯员 " + a.person())
        if rng.random() < 0.3:
            who.append(a.person())
        first = next(i for i, line in enumerate(lines) if len("".join(line)) > 40 or i == len(lines) - 1)
        lines[first] = ["本报讯(", " ".join(who), ")"] + lines[first]
    return lines


def _broken(rng: random.Random, line: list[str]) -> list[list[str]]:
    """A long paragraph cut by page layout into two lines (blank between), as newspaper scans are."""
    text = "".join(line)
    commas = [i for i, c in enumerate(text) if c == "," and 25 <= i < len(text) - 25]
    if len(text) < 80 or not commas or rng.random() > 0.15:
        return [line]
    cut = rng.choice(commas) + rng.randint(2, 6)
    return [[text[:cut]], [text[cut:]]]


def _meta_time(a: _Article) -> str:
    rng = a.rng
    return (f"{a.year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "
            f"{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}")


# ---------------------------------------------------------------------------------------------
# Pages: a list of lines, each a list of fragments; "" is a blank line.

def _page_web(a: _Article, pools: Pools) -> list[list[str]]:
    """A hospital web page: site bar, breadcrumb, metadata line, widgets, images, prev/next links."""
    rng = a.rng
    title = _title(a)
    sec1, sec2 = rng.choice(SECTIONS)
    page: list[list[str]] = [[a.org()], [], ["内网OA | 手机版"]]
    if rng.random() < 0.5:
        page.append(["正在获取日期..."])
    page += [["您所在的位置: 首页 >>", sec1, " >>", sec2, " >> 正文"], [], [sec1], [], [sec2], [], title, []]
    source = rng.choice(DEPTS) + " " + a.person()
    if rng.random() < 0.5:
        source += " " + rng.choice(DEPTS) + " " + a.person()
    page += [["来源:", source, " 发布时间:", _meta_time(a)], ["字号:"], ["+-14" if rng.random() < 0.5 else "大 中 小"],
             ["浏览次数:" + (str(rng.randint(1, 9999)) if rng.random() < 0.5 else "")], []]
    for line in _body(a, pools, dateline=False, images=[], alt_title=title):
        page += [line, []]
    page += [["文/", rng.choice(DEPTS), " ", a.person()], [], ["图/", rng.choice(CLOSING_TEAMS)], [],
             ["上一篇: "] + _title(a), [], ["下一篇: "] + _title(a), [],
             ["相关文章| 相关科室| 相关医生| 相关视频| 相关疾病"]]
    return page


def _page_repeat(a: _Article, pools: Pools) -> list[list[str]]:
    """A WeChat-style repost: the headline repeated between paragraphs as alt text, share links at the end."""
    title = _title(a)
    page: list[list[str]] = [title, [], []]
    for line in _body(a, pools, dateline=False, images=None, alt_title=title):
        page += [line, []]
    if a.rng.random() < 0.5:
        last = page[-2]
        page[-2] = last + ["(", a.person(), " ", a.person(), ")"]
    page += [[], ["分享到:"], [], [], ["相关文章:"]]
    return page


def _page_disclaimer(a: _Article, pools: Pools) -> list[list[str]]:
    """A page saved without its headline, ending in a disclaimer and a report address."""
    page: list[list[str]] = []
    for line in _body(a, pools, dateline=False, images=None, alt_title=None):
        page += [line, []]
    page += [["免责声明:本文仅代表文章作者的个人观点,与本站无关。其原创性、真实性以及文中陈述文字和内容未经本站证实,"
              "请读者仅作参考,并自行核实相关内容。"], [],
             ["举报邮箱:", str(a.rng.randint(10 ** 8, 10 ** 10)), "@qq.com,如涉及版权问题,请联系。"]]
    return page


def _page_plain(a: _Article, pools: Pools) -> list[list[str]]:
    """A clean article: headline, maybe a dateline byline, paragraphs."""
    page: list[list[str]] = [_title(a), []]
    for line in _body(a, pools, dateline=a.rng.random() < 0.3, images=None, alt_title=None):
        page += [line, []]
    return page


def _page_paper(articles: list[_Article], pools: Pools) -> list[list[str]]:
    """A newspaper page: several `## ` headlines, each opening an article with a `本报讯(记者 …)` byline."""
    page: list[list[str]] = [[], []]
    seen: set[str] = set()
    for a in articles:
        title = _title(a)
        while "".join(title) in seen:  # two equal headlines in a row would merge into one article
            title = _title(a)
        seen.add("".join(title))
        page += [["## "] + title, []]
        for line in _body(a, pools, dateline=True, images=None, alt_title=None):
            for piece in _broken(a.rng, line):
                page += [piece, []]
    return page


SINGLE_STYLES = [("web", _page_web, 0.25), ("repeat", _page_repeat, 0.15), ("disclaimer", _page_disclaimer, 0.08),
                 ("plain", _page_plain, 0.52)]
CHROME_STYLES = ("web", "repeat", "disclaimer")
PAPER_SHARE = 0.12  # of files
TRADITIONAL_SHARE = 0.15  # of the files that may be Traditional
# Web pages stay Simplified for now: the cleaner matches chrome rules against the original line, so a
# Traditional page's `字號:` and `瀏覽次數:` end up in paragraphs. Turn on once that is fixed.
TRADITIONAL_WEB_PAGES = True


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


@lru_cache(maxsize=200_000)
def _traditional(fragment: str) -> str:
    """Simplified → Traditional, one fragment at a time and cached: converting whole pages is too slow."""
    return fragment if fragment.isascii() else _s2t().convert(fragment)


def _render(page: list[list[str]], traditional: bool, crlf: bool, bom: bool) -> tuple[str, bytes]:
    conv = _traditional if traditional else None
    out = []
    for line in page:
        out.append("".join(map(conv, line)) if conv else "".join(line))
    text = "\n".join(out) + "\n"
    data = (text.replace("\n", "\r\n") if crlf else text).encode("utf-8")
    return text, (b"\xef\xbb\xbf" + data if bom else data)


def generate(n: int, out: Path | str, seed: int = 0, per_folder: int = 1000) -> CorpusStats:
    """Write pages holding `n` articles in all under `out` (`out/0000/0000000.txt` …) and `out/corpus.json`."""
    if n < 1:
        raise ValueError("N must be at least 1")
    out = Path(out)
    pools = load_pools()
    rng = random.Random(seed)
    stats = CorpusStats(n=n, seed=seed, version=generator_version(), styles={})
    remaining = n
    while remaining:
        year = rng.choice((2020, 2021, 2022, 2022, 2023))
        if remaining >= 2 and rng.random() < PAPER_SHARE:
            count = min(rng.randint(2, 4), remaining)
            style = "paper"
            page = _page_paper([_Article(rng, year) for _ in range(count)], pools)
        else:
            count = 1
            roll, acc = rng.random(), 0.0
            for style, make, share in SINGLE_STYLES:
                acc += share
                if roll < acc:
                    break
            page = make(_Article(rng, year), pools)
        traditional = rng.random() < TRADITIONAL_SHARE and (style != "web" or TRADITIONAL_WEB_PAGES)
        crlf, bom = rng.random() < 0.03, rng.random() < 0.02
        text, data = _render(page, traditional, crlf, bom)
        path = out / f"{stats.files // per_folder:04d}" / f"{stats.files:07d}.txt"
        if stats.files % per_folder == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        remaining -= count
        stats.files += 1
        stats.articles += count
        stats.chars += len(text)
        stats.bytes += len(data)
        stats.traditional_files += traditional
        stats.multi_article_files += style == "paper"
        stats.chrome_files += style in CHROME_STYLES
        stats.styles[style] = stats.styles.get(style, 0) + 1
    stats.styles = dict(sorted(stats.styles.items()))
    (out / MANIFEST).write_text(json.dumps(asdict(stats), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return stats


def read_manifest(out: Path | str) -> dict | None:
    """The `corpus.json` of a generated corpus, or None if there is none."""
    path = Path(out) / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, metavar="N", help="number of articles (a 3-article page counts 3)")
    parser.add_argument("out", type=Path, metavar="OUT", help="folder to write (must be empty or absent)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--per-folder", type=int, default=1000, help="files per subfolder (default 1000)")
    parser.add_argument("--force", action="store_true", help="replace OUT if it holds an earlier generated corpus")
    args = parser.parse_args(argv)
    if args.n < 1 or args.per_folder < 1:
        parser.error("N and --per-folder must be at least 1")
    if args.out.exists() and any(args.out.iterdir()):
        if not (args.force and (args.out / MANIFEST).exists()):
            parser.error(f"{args.out} is not empty (--force replaces a corpus this script generated)")
        shutil.rmtree(args.out)
    started = time.perf_counter()
    stats = generate(args.n, args.out, seed=args.seed, per_folder=args.per_folder)
    print(f"{args.out}: {stats.line()}, {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
