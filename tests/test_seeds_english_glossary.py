"""Every G row of seed-defects.md repaired in the cleaned seeds 000/001/002, with all rules on.

Each test asserts on the cleaned seed (the wrong rendering is gone, the
right one is there, and a change names the glossary entry); seed 003 must
come out byte-identical.
"""

from pathlib import Path

import pytest

from cleanup.core.pipeline import Cleaner
from cleanup.core.settings import Settings

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def cleaned():
    cleaner = Cleaner(Settings())
    out = {}
    for path in sorted(SEEDS.glob("00[0-3]_*.txt")):
        text = path.read_text(encoding="utf-8")
        out[path.name[:3]] = (text, cleaner.clean_text(text, path=str(path)))
    return out


# (seed, entry id, wrong text in the input, right text expected in the output)
G_ROWS = [
    ("000", "wang-emperor", "Wang Emperor", "(Editor: Wang Huang, Xie Long)"),
    ("001", "wang-emperor", "Wang Emperor", "(Editor: Wang Huang, Xie Long)"),
    ("000", "reporter-yu-xiaobo", "Reporter in Xiaobo", "(Reporter: Yu Xiaobo)"),
    ("000", "general-secretary-xi", "General Secretary General Secretary", "speech of General Secretary Xi Jinping"),
    ("001", "chip-shortage", "reficion", 'impact of "chip shortage"'),
    ("000", "one-main-six-doubles", "one main six pairs", '"One Main, Six Doubles" high-quality'),
    ("000", "people-at-its-core", "of people-effective core", "new urbanization with people at its core"),
    ("000", "urbanization-of-rural-migrants", "agricultural transfer population The citizens",
     "promoting the urbanization of the rural migrant population, accelerate"),
    ("000", "changchun-metropolitan-area", "Changchun Modern City Circle", "cultivation of Changchun Modern Metropolitan Area"),
    ("001", "changchun-metropolitan-area", "Changchun Modernization City", "construction of Changchun Modern Metropolitan Area"),
    ("000", "livable", "Yiju", "building livable, green"),
    ("000", "jilin-revitalization", "Jilin Zhenxing", "promote Jilin's revitalization in the new era"),
    ("000", "trillion-yuan-industries", "the three trillion industries", "the three trillion-yuan industries"),
    ("000", "straw-to-meat", "straw change meat", '"straw-to-meat"'),
    ("001", "straw-to-meat", '"straw meat"', '"straw-to-meat"'),
    ("000", "beef-cattle-project", "thousands of beef cattle projects", "the 10-million-head beef cattle project"),
    ("000", "jilin-natives", "Ji people", '"Jilin natives"'),
    ("000", "changchun-jilin", "Changji.", "development test areas in Changchun-Jilin."),
    ("000", "on-site-meeting", "new urbanization construction site", "The on-site meeting on new urbanization construction in the province"),
    ("001", "full-capacity", "open the horsepower", "enterprises to run at full capacity"),
    ("001", "changchun-liaoyuan-tonghua-baishan-yanbian", "Chang Liaotong Baoyay", '"Changchun-Liaoyuan-Tonghua-Baishan-Yanbian" medical'),
    ("001", "northern-medicine", "North Medicine", "influential northern medicine base"),
    ("001", "scaly-sided-merganser", "Chinese autumn sand duck", "the scaly-sided merganser was hailed"),
    ("001", "living-fossil", "laboranite", '"the living fossil, '),
    ("001", "giant-panda-among-birds", "the big panda in the bird", 'the giant panda among birds"'),
    ("001", "greenhouse-economy", "shed film economy", "develop the greenhouse economy"),
    ("001", "coal-electricity-heat-security", "coal electric heat safety", "Strengthen the security of coal, electricity and heat supply"),
    ("001", "livelihood-projects", "50 livelihoods", "promotion of 50 livelihood projects"),
    ("001", "disaster-damaged-greenhouses", "the disaster mask", "repair of disaster-damaged greenhouses"),
    ("002", "zheng-shanjie", "zheng zhajie", "Entrusted by Zheng Shanjie, secretary"),
    ("002", "my-country", "my country", "China's permanent population urbanization rate"),
    ("002", "difficult-problems", "difficultiesquestion", "Coordinate and solve difficult problems."),
    ("002", "etc", "resilience.wait.", "safety and resilience, etc."),
]


@pytest.mark.parametrize("seed,entry,wrong,right", G_ROWS, ids=[f"{s}-{e}-{w[:20]}" for s, e, w, _ in G_ROWS])
def test_g_row_repaired_in_seed(cleaned, seed, entry, wrong, right):
    source, result = cleaned[seed]
    assert wrong in source
    assert right in result.output
    assert wrong not in result.output or entry in ("straw-to-meat",)  # '"straw meat"' -> '"straw-to-meat"'
    assert any(entry in change.entries for change in result.changes), f"no change names {entry}"


# 002: names and organisations restored in a text that lost its capitals (casing only)
CASE_ROWS = [
    "Zheng Bei, member of the party leadership group",
    "Yu Hui", "He Lifeng", "Zhao Long, governor of Fujian Province",
    "the National Development and Reform Commission", "issued by the State Council",
    "since the 18th CPC National Congress", "on August 29, the National Development",
    "Ministry of Housing and Urban-Rural Development", "Ministry of Finance",
    "Ministry of Human Resources and Social Security", "Ministry of Natural Resources",
    "Ministry of Industry and Information Technology", "the Central United Front Work Department",
    "the Central Political and Legal Affairs Commission", "the Central Organization Department",
    "the Central Rural Work Leading Group", "the Ministry of Education", "the Ministry of Science and Technology",
    "In August, the Fujian provincial government",
]


@pytest.mark.parametrize("expected", CASE_ROWS)
def test_seed_002_proper_nouns_in_their_spelling(cleaned, expected):
    assert expected in cleaned["002"][1].output


def test_seed_002_sentence_case(cleaned):
    out = cleaned["002"][1].output
    assert out.startswith("News\n\nThe ministerial meeting went straight to the county level! This action")
    assert "Written by Yu Hui" in out
    assert "Zheng Bei said, “It is expected" in out


def test_prince_dian_is_flagged_not_changed(cleaned):
    source, result = cleaned["000"]
    assert "Prince Dian" in result.output
    assert any(f.entry == "prince-dian" and f.text == "Prince Dian" for f in result.flags)


def test_boilerplate_rows(cleaned):
    out000 = cleaned["000"][1].output
    out001 = cleaned["001"][1].output
    out002 = cleaned["002"][1].output
    assert out000.endswith("(Reporter: Yu Xiaobo) (Editor: Wang Huang, Xie Long)")
    assert out001.endswith("(Reporter: Yu Xiaobo) (Editor: Wang Huang, Xie Long)")
    assert "Posted in" not in out001 and out001.startswith("Han Jun presided over")
    assert "Русский" not in out002 and "2024-09-02\n\nWritten by Yu Hui" in out002
    assert "\n\n\n" not in out001 + out002


def test_seed_003_byte_identical_with_all_rules(cleaned):
    source, result = cleaned["003"]
    assert "Changchun modern metropolitan area" in source
    assert result.output == source
    assert not result.changes
