import json
from pathlib import Path

import pytest

from kg.divisions import table
from kg.ingest import load
from kg.metadata import MetadataError, arabic_years, extract_metadata, publisher_name
from kg.model import Document

from .conftest import ROOT, SEEDS, SHARED_GOLD

REPORTS = ROOT / "tests" / "data" / "reports"
GOLD = ROOT / "tests" / "data" / "gold"


def doc(text: str) -> Document:
    return Document(path=Path("x.txt"), name="x.txt", text=text, sha256="", encoding="utf-8")


def meta(text: str) -> dict:
    m = extract_metadata(doc(text))
    return {
        "title": m.title,
        "jurisdiction": m.jurisdiction,
        "adcode": m.adcode,
        "year": m.year,
        "publisher": m.publisher,
        "date": m.date,
    }


SEED_META = {
    "000_2515ae68359f4538.txt": ("北京市朝阳区司法局2023年法治政府建设年度情况报告", "county", ["110000"], None),
    "001_2c5551b2a5a5f784.txt": (
        "福州市仓山区司法局关于2020年度法治政府建设工作情况的报告",
        "county",
        ["350100", "350000"],
        "2021-03-26",
    ),
    "002_b7cffffbc446fd03.txt": (
        "广州市花都区司法局关于2024年度法治政府建设情况的报告",
        "county",
        ["440100", "440000"],
        None,
    ),
    "003_93b0a848b4e38b69.txt": (
        "吴忠市利通区2023年法治政府建设情况工作报告",
        "county",
        ["640300", "640000"],
        "2024-02-28",
    ),
    "004_3215153b317be95f.txt": ("朝阳区法治政府建设白皮书(2020)", "county", ["110000"], None),
}


@pytest.mark.parametrize("name", sorted(SEED_META))
def test_seed_metadata_matches_the_gold(name):
    d = load(SEEDS / name)
    m = extract_metadata(d)
    gold = json.loads((SHARED_GOLD / f"{name}.gold.json").read_text(encoding="utf-8"))["report"]
    assert {k: getattr(m, k) for k in gold} == gold
    title, level, parents, date = SEED_META[name]
    assert (m.title, m.level, m.parents, m.date) == (title, level, parents, date)
    assert d.text[m.start : m.end] == m.title


@pytest.mark.parametrize(
    ("name", "date"),
    [("xihu_2022.html", "2023-02-16"), ("wuhou_2021.txt", "2022-03-10"), ("chaoyang_changchun_2023.md", "2024-03-18")],
)
def test_own_reports_metadata_matches_their_gold(name, date):
    d = load(REPORTS / name)
    m = extract_metadata(d)
    gold = json.loads((GOLD / f"{name}.gold.json").read_text(encoding="utf-8"))["report"]
    assert {k: getattr(m, k) for k in gold} == gold
    assert m.date == date
    assert d.text[m.start : m.end] == m.title


def test_ambiguous_chaoyang_is_decided_by_context():
    beijing = meta("朝阳区法治政府建设白皮书(2021)\n2021年，在北京市委、市政府的领导下，朝阳区…北京…\n")
    changchun = meta("朝阳区法治政府建设白皮书(2021)\n2021年，在长春市委、市政府的领导下，朝阳区…吉林省…\n")
    assert (beijing["jurisdiction"], beijing["adcode"], beijing["publisher"]) == (
        "北京市朝阳区",
        "110105",
        "北京市朝阳区人民政府",
    )
    assert (changchun["jurisdiction"], changchun["adcode"], changchun["publisher"]) == (
        "吉林省长春市朝阳区",
        "220104",
        "长春市朝阳区人民政府",
    )
    # a written chain needs no context
    assert meta("长春市朝阳区司法局2023年法治政府建设情况报告\n北京北京北京")["adcode"] == "220104"


def test_city_province_and_county_reports():
    assert meta("杭州市人民政府关于2022年法治政府建设情况的报告\n2022年，全市…\n杭州市人民政府\n2023年3月20日") == {
        "title": "杭州市人民政府关于2022年法治政府建设情况的报告",
        "jurisdiction": "浙江省杭州市",
        "adcode": "330100",
        "year": 2022,
        "publisher": "杭州市人民政府",
        "date": "2023-03-20",
    }
    assert meta("浙江省人民政府关于二〇二二年法治政府建设情况的报告\n全省上下…") == {
        "title": "浙江省人民政府关于二〇二二年法治政府建设情况的报告",
        "jurisdiction": "浙江省",
        "adcode": "330000",
        "year": 2022,
        "publisher": "浙江省人民政府",
        "date": None,
    }
    county = meta("文成县2021年度法治政府建设工作报告\n2021年，我县…\n文成县司法局\n二〇二二年一月五日")
    assert (county["jurisdiction"], county["adcode"], county["year"], county["publisher"], county["date"]) == (
        "浙江省温州市文成县",
        "330328",
        2021,
        "温州市文成县司法局",
        "2022-01-05",
    )


def test_jurisdiction_only_in_the_source_line_and_body():
    m = meta("关于2022年度法治政府建设工作情况的报告\n来源：西湖区司法局  发布日期：2023-02-10\n2022年，我区…杭州…\n")
    assert (m["jurisdiction"], m["adcode"], m["publisher"], m["date"]) == (
        "浙江省杭州市西湖区",
        "330106",
        "杭州市西湖区司法局",
        "2023-02-10",
    )
    body_only = meta("法治政府建设工作情况的报告\n2022年，我区坚持…。武侯区…武侯区…成都市…\n")
    assert (body_only["jurisdiction"], body_only["year"], body_only["publisher"]) == (
        "四川省成都市武侯区",
        2022,
        "成都市武侯区人民政府",
    )


def test_title_broken_over_two_lines_and_web_title_above_it():
    m = meta("杭州市人民政府关于\n2022年法治政府建设情况的报告\n2022年，我市…。\n")
    assert (m["title"], m["adcode"], m["year"]) == ("杭州市人民政府关于2022年法治政府建设情况的报告", "330100", 2022)
    m = meta("2021年西湖区法治政府建设白皮书_杭州市西湖区人民政府\n西湖区法治政府建设白皮书（2021）\n2022年5月\n")
    assert (m["title"], m["year"]) == ("西湖区法治政府建设白皮书（2021）", 2021)


def test_year_from_the_body_or_the_publication_date():
    assert meta("西湖区司法局法治政府建设工作报告\n2021年，我局…\n")["year"] == 2021
    assert meta("西湖区司法局法治政府建设工作报告\n一年来，我局…\n发布日期：2022-02-11\n")["year"] == 2021


def test_missing_jurisdiction_or_year_raise_metadata_error():
    with pytest.raises(MetadataError, match="^no detectable jurisdiction"):
        extract_metadata(doc("关于2022年法治政府建设情况的报告\n我们做了很多工作。"))
    with pytest.raises(MetadataError, match="^no detectable year covered$"):
        extract_metadata(doc("西湖区司法局法治政府建设工作报告\n我们做了很多工作。"))


def test_publisher_names_follow_the_schema_convention():
    t = table()
    cangshan, chaoyang, hangzhou = t.get("350104"), t.get("110105"), t.get("330100")
    assert publisher_name("仓山区司法局", cangshan, t) == "福州市仓山区司法局"
    assert publisher_name("区司法局", cangshan, t) == "福州市仓山区司法局"
    assert publisher_name("福建省福州市仓山区人民政府", cangshan, t) == "福州市仓山区人民政府"
    assert publisher_name("朝阳区政府", chaoyang, t) == "北京市朝阳区人民政府"
    assert publisher_name("市司法局", chaoyang, t) == "北京市司法局"
    assert publisher_name("市司法局", cangshan, t) == "福州市司法局"
    assert publisher_name("杭州市人民政府", hangzhou, t) == "杭州市人民政府"


def test_arabic_years():
    assert arabic_years("二〇二二年度") == "2022年度"
    assert arabic_years("二零二三年十二月三十一日") == "2023年12月31日"
    assert arabic_years("二〇二四年三月十八日") == "2024年3月18日"
