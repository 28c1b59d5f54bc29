"""kg/extractors/organizations.py on small reports written for the case."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kg.context import build_context
from kg.extractors import organizations
from kg.model import Document

CHAOYANG = "北京市朝阳区司法局2023年法治政府建设年度情况报告\n\n一、2023年度推进法治政府建设的主要举措和成效\n"
CANGSHAN = "福州市仓山区司法局关于2020年度法治政府建设工作情况的报告\n\n一、2020年度推进法治政府建设的主要举措和成效\n"
WUHOU = "成都市武侯区司法局2022年法治政府建设年度报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"


def _ctx(title: str, body: str = "。"):
    text = title + body
    doc = Document(
        path=Path("fixture.txt"),
        name="fixture.txt",
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        encoding="utf-8",
    )
    return build_context(doc)


def test_resolve_in_a_municipality():
    ctx = _ctx(CHAOYANG)
    r = lambda s: organizations.resolve(ctx, s)  # noqa: E731
    assert r("区法院") == ("北京市朝阳区人民法院", "Court")
    assert r("市司法局") == ("北京市司法局", "JudicialBureau")
    assert r("我局") == ("北京市朝阳区司法局", "JudicialBureau")
    assert r("区政府") == ("北京市朝阳区人民政府", "Government")
    assert r("黑庄户乡人民调解委员会") == ("北京市朝阳区黑庄户乡人民调解委员会", "MediationCommittee")
    assert r("垡头街道") == ("北京市朝阳区垡头街道办事处", "Government")
    assert r("区委依法治区委") == ("中共北京市朝阳区委全面依法治区委员会", "PartyCommittee")
    assert r("依法治区办") == ("中共北京市朝阳区委全面依法治区委员会办公室", "PartyCommittee")
    assert r("市委依法治市委") == ("中共北京市委全面依法治市委员会", "PartyCommittee")
    assert r("公安分局") == ("北京市公安局朝阳分局", "PublicSecurity")
    assert r("政协") == ("中国人民政治协商会议北京市朝阳区委员会", "Legislature")
    assert r("区人大常委会") == ("北京市朝阳区人民代表大会常务委员会", "Legislature")
    assert r("区市场监管局") == ("北京市朝阳区市场监督管理局", "AdministrativeAgency")
    assert r("区司法局公共法律服务管理科") == ("北京市朝阳区司法局公共法律服务管理科", "JudicialBureau")
    assert r("中共中央") == ("中国共产党中央委员会", "PartyCommittee")
    assert organizations.jurisdiction_name(ctx) == "北京市朝阳区"


def test_resolve_in_a_prefecture_city_district():
    ctx = _ctx(CANGSHAN)
    r = lambda s: organizations.resolve(ctx, s)  # noqa: E731
    assert r("区法院") == ("福建省福州市仓山区人民法院", "Court")
    assert r("省高院") == ("福建省高级人民法院", "Court")
    assert r("鼓楼法院") == ("福建省福州市鼓楼区人民法院", "Court")
    assert r("莆田法院") == ("福建省莆田市中级人民法院", "Court")
    assert r("市司法局") == ("福州市司法局", "JudicialBureau")
    assert r("区委") == ("中共福州市仓山区委员会", "PartyCommittee")
    assert r("省委政法委") == ("中共福建省委政法委员会", "PartyCommittee")
    assert r("区政府办") == ("福州市仓山区人民政府办公室", "AdministrativeAgency")
    assert r("公安分局") == ("福州市公安局仓山区分局", "PublicSecurity")


def test_resolve_in_another_province():
    ctx = _ctx(WUHOU)
    assert organizations.resolve(ctx, "区检察院") == ("四川省成都市武侯区人民检察院", "Procuratorate")
    assert organizations.resolve(ctx, "省司法厅") == ("四川省司法厅", "JudicialBureau")
    assert organizations.resolve(ctx, "区公法中心") == ("成都市武侯区公共法律服务中心", "LegalServiceCenter")


def test_generic_plurals_are_not_organizations():
    ctx = _ctx(CHAOYANG)
    for s in ("12个司法所", "各执法部门", "律师事务所", "司法所", "全区街乡"):
        assert organizations.resolve(ctx, s) is None


def test_extract_one_entry_per_organization():
    body = (
        "区司法局会同区法院开展培训。我局指导黑庄户乡人民调解委员会调解纠纷。"
        "全区12个司法所和各执法部门参与。朝阳区司法局向市司法局报告。"
        "狮岭司法所被评为“广州市示范司法所”。\n"
    )
    ctx = _ctx(CHAOYANG, body)
    found = organizations.extract(ctx)
    text = ctx.doc.text
    got = {(o.name, o.type): o.mentions for o in found}
    assert got == {
        ("北京市朝阳区司法局", "JudicialBureau"): ["北京市朝阳区司法局", "区司法局", "我局", "朝阳区司法局"],
        ("北京市朝阳区人民法院", "Court"): ["区法院"],
        ("北京市朝阳区黑庄户乡人民调解委员会", "MediationCommittee"): ["黑庄户乡人民调解委员会"],
        ("北京市司法局", "JudicialBureau"): ["市司法局"],
        ("北京市朝阳区狮岭司法所", "JusticeOffice"): ["狮岭司法所"],
    }
    for o in found:
        assert o.evidence == text[o.start : o.end]
    court = next(o for o in found if o.type == "Court")
    assert court.evidence == "区司法局会同区法院开展培训。"
