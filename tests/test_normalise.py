from ingest.normalise import detect_script, fold_width, normalise, strip_invisible, to_simplified


def test_traditional_names_become_simplified_with_the_same_length():
    text = "物資服務中心劉宇主任迅速調配人員"
    out = normalise(text)
    assert out == "物资服务中心刘宇主任迅速调配人员"
    assert len(out) == len(text)


def test_simplified_text_is_left_alone():
    text = "北京市延庆区医院充分发挥党建引领优势"
    assert to_simplified(text) == text


def test_full_width_digits_and_latin_fold_to_ascii():
    assert fold_width("１５名ＰＣＲ检测ｍｌ") == "15名PCR检测ml"
    assert normalise("核酸采样４５万余人次") == "核酸采样45万余人次"


def test_full_width_punctuation_is_kept():
    assert normalise("（记者，张丽）") == "（记者，张丽）"


def test_zero_width_and_control_characters_are_removed():
    assert strip_invisible("口\u200b罩\ufeff\x07") == "口罩"
    assert strip_invisible("一\t二\n三") == "一\t二\n三"


def test_script_detection():
    assert detect_script("以堅強的後勤保障踐行責任擔當") == "traditional"
    assert detect_script("以坚强的后勤保障践行责任担当") == "simplified"
    assert detect_script("以堅強的後勤保障践行责任担当") == "mixed"
    assert detect_script("2022 PCR") == "simplified"


def test_opencc_phrase_table_decides_before_characters():
    # 乾隆 and 乾清宫 keep 乾 (phrases mapped to themselves); 乾淨 becomes 干净; 瞭解 becomes 了解.
    assert to_simplified("乾隆皇帝在乾清宮,衣服乾淨,一目瞭然") == "乾隆皇帝在乾清宫,衣服干净,一目了然"


def test_same_result_as_opencc_t2s_on_traditional_news():
    import opencc
    text = "物資服務中心劉宇主任迅速調配人員,多方籌措,火速開展物資調配工作。乾坤未定,後勤先行。"
    assert to_simplified(text) == opencc.OpenCC("t2s").convert(text)


def test_simplified_characters_that_taiwan_uses_as_variants_are_left_alone():
    # Taiwan writes 著 for 着 (看著); in Simplified text 著 is its own word (著名, 显著, 著作权)
    assert normalise("著名专家显著提高了著作权保护") == "著名专家显著提高了著作权保护"
    assert normalise("衞生署説明裡面為了") == "卫生署说明里面为了"  # real variants still convert


def test_variant_and_look_alike_forms_the_tables_leave_alone_are_folded():
    # 巿 (U+5DFF) is what input methods offer for 市; 槪 and 靑 are old printed forms of 概 and 青
    assert normalise("台中巿長胡志強") == "台中市长胡志强"
    assert normalise("槪況靑年") == "概况青年"
    # a sign of neither script: Simplified text with 巿 stays Simplified
    assert detect_script("台中巿长表示") == "simplified"
