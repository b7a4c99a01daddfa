"""The English rules on text they were not tuned on.

``tests/fixtures/unseen/en/clean/`` holds hand-written news paragraphs in good
English (names, places, figures, quotes in quotes, abbreviations, URLs,
e-mails, lists, legitimate doubles like "that that" and "very, very", words
wordfreq barely knows: Hohhot, Urumqi, decarbonization, livestreaming).
Every change or flag on them is a false positive. ``damaged/`` and the cases
below carry the seeds' defect types in new sentences; the repairs are asserted
through the whole pipeline with the default rules and glossary, as
``cleanup run`` does.
"""

from pathlib import Path

import pytest

from cleanup.core.pipeline import Cleaner
from cleanup.core.settings import Settings
from cleanup.lang.pinyin import is_pinyin

UNSEEN = Path(__file__).resolve().parent / "fixtures" / "unseen" / "en"
CLEAN = sorted((UNSEEN / "clean").glob("*.txt"))
SEED_003 = next((Path(__file__).resolve().parents[1] / "seeds").glob("003_*.txt"))


@pytest.fixture(scope="module")
def cleaner():
    return Cleaner(Settings())


@pytest.fixture(scope="module")
def every_rule():
    return Cleaner(Settings(select=("ALL",)))


def test_there_are_enough_clean_texts():
    assert len(CLEAN) >= 8


@pytest.mark.parametrize("path", CLEAN + [SEED_003], ids=lambda p: p.name)
def test_clean_text_is_left_alone_and_unflagged(path, every_rule):
    source = path.read_text(encoding="utf-8")
    result = every_rule.clean_text(source, path=str(path))
    assert result.output == source
    assert [(f.rule, f.text) for f in result.flags] == []


def test_all_lowercase_article_gets_its_capitals_back(cleaner):
    source = (UNSEEN / "damaged" / "lowercase_article.txt").read_text(encoding="utf-8")
    expected = (UNSEEN / "damaged" / "lowercase_article.expected.txt").read_text(encoding="utf-8")
    result = cleaner.clean_text(source)
    # Known limits kept in the expected text: "premier" before a name and "li"
    # alone (a surname no glossary entry can decide) stay lower case.
    assert result.output == expected
    assert result.flags == []


REPAIRS = [
    # repeated words and phrases (EN201)
    ("The plan aims to improve the to improve the quality of public services.",
     "The plan aims to improve the quality of public services."),
    ("Local governments should strengthen strengthen supervision.",
     "Local governments should strengthen supervision."),
    ("Officials vowed to cut costs, cut costs, and raise efficiency.",
     "Officials vowed to cut costs, and raise efficiency."),
    ("The province will promote the the integration of\nthe integration of urban and rural areas.",
     "The province will promote the integration of urban and rural areas."),
    # glued words (EN301)
    ("The city willbuild more schools andimprove the environment for investors.",
     "The city will build more schools and improve the environment for investors."),
    ("The measures focus onthe elderly and low-income families.",
     "The measures focus on the elderly and low-income families."),
    # Chinese punctuation and missing spaces (EN601, EN602)
    ("Exports rose 8.2%，imports fell 1.5%。The trade surplus widened（see chart）.",
     "Exports rose 8.2%, imports fell 1.5%. The trade surplus widened (see chart)."),
    ("He said：“We will keep our promise。”", "He said: “We will keep our promise.”"),
    ("The province added 1,200 jobs,and the city added 800,while the county added 300.",
     "The province added 1,200 jobs, and the city added 800, while the county added 300."),
    # glossary terms: sentence start, upper case, possessive, line break, quotes (EN101)
    ("Reficion has hit car makers in Changchun.", "Chip shortage has hit car makers in Changchun."),
    ("THE REFICION WORSENED IN MARCH.", "THE CHIP SHORTAGE WORSENED IN MARCH."),
    ("Agricultural transfer population will get better services.",
     "Rural migrant population will get better services."),
    ("Wang Emperor's report was praised by Zheng Zhajie.", "Wang Huang's report was praised by Zheng Shanjie."),
    ("The editor was Wang\nEmperor, who joined in 2019.", "The editor was Wang\nHuang, who joined in 2019."),
    ("He stressed the need to develop the shed film\neconomy in the north.",
     "He stressed the need to develop the greenhouse\neconomy in the north."),
    ("Residents called it “the big panda in the bird” in a survey.",
     "Residents called it “the giant panda among birds” in a survey."),
    ("Experts said “Chinese autumn sand duck” numbers are rising.",
     "Experts said “scaly-sided merganser” numbers are rising."),
    ("Since 2012, my country's grain output has stayed above 650 million tonnes.",
     "Since 2012, China's grain output has stayed above 650 million tonnes."),
    ("The factory will open the horsepower to meet orders.", "The factory will run at full capacity to meet orders."),
    # 等 as "wait": the glossary sees the glue before EN602 spaces it
    ("Some counties lack drainage and resilience.wait.", "Some counties lack drainage and resilience, etc."),
    # site chrome (EN501, EN502), also a language menu that reads as a Chinese line
    ("(Reporter in Xiaobo) The meeting was held in Siping. Sharing let more people see.",
     "(Reporter: Yu Xiaobo) The meeting was held in Siping."),
    ("Posted in: Economy\n\nThe meeting was held in Siping.\n", "The meeting was held in Siping.\n"),
    ("Home\n\n한어Русский языкEnglishFrançaisDeutsch日本語\n\nThe meeting was held in Hohhot.\n",
     "Home\n\nThe meeting was held in Hohhot.\n"),
]


@pytest.mark.parametrize("source, expected", REPAIRS, ids=[r[0][:40] for r in REPAIRS])
def test_damage_is_repaired(source, expected, cleaner):
    assert cleaner.clean_text(source).output == expected


UNTOUCHED = [
    "Hold on. wait. Then go.",  # ". wait." was a glossary form; in English it can be just that
    "Talks on counternarcotics, a chipmaker's microgrid and deleveraging went well.",
    "Visit https://www.gov.cn/zhengce/wang-emperor.htm or write to reficion@example.com.",
    "Herders in Xilinhot, Hulunbuir, Erenhot and Golmud sell online.",
]


@pytest.mark.parametrize("source", UNTOUCHED)
def test_traps_are_untouched_and_unflagged(source, cleaner):
    result = cleaner.clean_text(source)
    assert result.output == source and result.flags == []


def test_prince_dian_gets_one_flag_the_glossarys(cleaner):
    result = cleaner.clean_text("Attendees included Zhou Min, Prince Dian, Li Hua.")
    assert [(f.rule, f.text, f.entry) for f in result.flags] == [("EN102", "Prince Dian", "prince-dian")]


def test_a_new_word_by_word_name_is_still_flagged_by_en704(cleaner):
    result = cleaner.clean_text("Attendees included Zhou Min, Li Spring, Wang Hua.")
    assert [(f.rule, f.text) for f in result.flags] == [("EN704", "Li Spring")]


def test_english_looking_nonsense_is_flagged_pinyin_is_not(cleaner):
    text = "Laboranite and Lamonite were found near Gongzhuling, Bayanqolu and Meihekou."
    result = cleaner.clean_text(text, path="x.txt")
    # "Laboranite" at a sentence start is the glossary's "laboranite" (fixed);
    # the unknown look-alike is flagged; the pinyin names are not
    assert result.output.startswith("Living fossil and Lamonite")
    assert [(f.rule, f.text) for f in result.flags] == [("EN703", "Lamonite")]


@pytest.mark.parametrize("word", ["Laboranite", "Lamonite", "Polamine", "Tenamide", "Canelope", "laboranite"])
def test_nonsense_is_not_pinyin(word):
    assert not is_pinyin(word)


@pytest.mark.parametrize("word", ["Gongzhuling", "Bayanqolu", "Siping", "Yitong", "Xinkai", "Junhai", "Meihekou",
                                  "Changchun", "Xuexiang", "Jinping", "Hami", "Dali", "Shihezi", "Manzhouli",
                                  "Wujiaqu", "Baotou", "Xi'an"])
def test_pinyin_names_are_pinyin(word):
    assert is_pinyin(word)
