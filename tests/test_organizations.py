"""kg/extractors/organizations.py on small reports written for the case."""

from __future__ import annotations

from kg.context import build_context
from kg.extractors import organizations

from .conftest import text_document

CHAOYANG = "北京市朝阳区司法局2023年法治政府建设年度情况报告\n\n一、2023年度推进法治政府建设的主要举措和成效\n"
CANGSHAN = "福州市仓山区司法局关于2020年度法治政府建设工作情况的报告\n\n一、2020年度推进法治政府建设的主要举措和成效\n"
WUHOU = "成都市武侯区司法局2022年法治政府建设年度报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"


def _ctx(title: str, body: str = "。"):
    text = title + body
    doc = text_document(text)
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


# ---------------------------------------------------------------- other provinces and levels

HUICHUAN = "贵州省遵义市汇川区司法局2022年法治政府建设年度报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"
HEJIANG = "合江县人民政府关于2022年法治政府建设情况的报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"
WENZHOU = "温州市人民政府2022年法治政府建设年度报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"
YIWU = "义乌市司法局2022年法治政府建设年度报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"
YANTA = "陕西省西安市雁塔区人民政府2022年法治政府建设情况报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"
QINGTONGXIA = (
    "宁夏回族自治区吴忠市青铜峡市司法局2022年法治政府建设年度报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"
)


def _orgs(title: str, body: str) -> dict[tuple[str, str], list[str]]:
    return {(o.name, o.type): o.mentions for o in organizations.extract(_ctx(title, body))}


def test_resolve_in_a_guizhou_district():
    ctx = _ctx(HUICHUAN)
    r = lambda s: organizations.resolve(ctx, s)  # noqa: E731
    assert r("区法院") == ("贵州省遵义市汇川区人民法院", "Court")
    assert r("市中院") == ("贵州省遵义市中级人民法院", "Court")
    assert r("省高院") == ("贵州省高级人民法院", "Court")
    assert r("我局") == ("遵义市汇川区司法局", "JudicialBureau")
    assert r("区委政法委") == ("中共遵义市汇川区委政法委员会", "PartyCommittee")
    assert r("全面依法治区委员会办公室") == ("中共遵义市汇川区委全面依法治区委员会办公室", "PartyCommittee")
    assert r("区公安分局") == ("遵义市公安局汇川区分局", "PublicSecurity")
    # sub-district places and their own bodies, under the district
    assert r("高坪街道办事处") == ("遵义市汇川区高坪街道办事处", "Government")
    assert r("高坪街道司法所") == ("遵义市汇川区高坪街道司法所", "JusticeOffice")
    assert r("团泽镇人民政府") == ("遵义市汇川区团泽镇人民政府", "Government")
    assert r("团泽镇政府") == ("遵义市汇川区团泽镇人民政府", "Government")
    assert r("团泽镇人民调解委员会") == ("遵义市汇川区团泽镇人民调解委员会", "MediationCommittee")
    # 区 + body is read literally; the body alone is the government's committee
    assert r("区行政复议委员会") == ("遵义市汇川区人民政府行政复议委员会", "ReconsiderationCommittee")
    assert r("行政复议委员会") == ("遵义市汇川区人民政府行政复议委员会", "ReconsiderationCommittee")
    assert r("区行政争议调解中心") == ("遵义市汇川区行政争议调解中心", "MediationOrganization")
    # department names written out are kept: a 数据 bureau is not the plain 政务服务管理局
    assert r("区政务服务数据管理局") == ("遵义市汇川区政务服务数据管理局", "AdministrativeAgency")
    assert r("区政务服务局") == ("遵义市汇川区政务服务管理局", "AdministrativeAgency")
    assert r("区城管和综合执法局") == ("遵义市汇川区城市管理和综合执法局", "AdministrativeAgency")
    assert r("区城管执法局") == ("遵义市汇川区城市管理综合行政执法局", "AdministrativeAgency")
    assert r("区消协") == ("遵义市汇川区消费者协会", "Association")
    assert r("国家市场监管总局") == ("国家市场监督管理总局", "AdministrativeAgency")
    # not ours, or generic
    for s in ("县司法局", "人民检察院", "人民法院", "各街道", "各司法所", "相关部门"):
        assert r(s) is None, s


def test_resolve_in_a_county():
    ctx = _ctx(HEJIANG)
    r = lambda s: organizations.resolve(ctx, s)  # noqa: E731
    assert r("县法院") == ("四川省泸州市合江县人民法院", "Court")
    assert r("县委") == ("中共泸州市合江县委员会", "PartyCommittee")
    assert r("依法治县办") == ("中共泸州市合江县委全面依法治县委员会办公室", "PartyCommittee")
    assert r("县公安局") == ("泸州市合江县公安局", "PublicSecurity")  # a county's own bureau, no branch
    assert r("市中院") == ("四川省泸州市中级人民法院", "Court")
    assert r("市司法局") == ("泸州市司法局", "JudicialBureau")
    assert r("白沙镇司法所") == ("泸州市合江县白沙镇司法所", "JusticeOffice")
    assert r("区法院") is None


def test_resolve_in_a_prefecture_level_city():
    ctx = _ctx(WENZHOU)
    r = lambda s: organizations.resolve(ctx, s)  # noqa: E731
    assert r("市司法局") == ("温州市司法局", "JudicialBureau")
    assert r("市法院") == ("浙江省温州市中级人民法院", "Court")
    assert r("市委依法治市办") == ("中共温州市委全面依法治市委员会办公室", "PartyCommittee")
    assert r("市市场监管局") == ("温州市市场监督管理局", "AdministrativeAgency")
    assert r("市公安局") == ("温州市公安局", "PublicSecurity")
    assert r("瓯海区人民法院") == ("浙江省温州市瓯海区人民法院", "Court")
    assert r("区法院") is None  # which district? not the report's own body
    assert r("县司法局") is None


def test_resolve_in_a_county_level_city():
    ctx = _ctx(YIWU)
    r = lambda s: organizations.resolve(ctx, s)  # noqa: E731
    assert r("市司法局") == ("金华市义乌市司法局", "JudicialBureau")
    assert r("市法院") == ("浙江省金华市义乌市人民法院", "Court")
    assert r("市中院") == ("浙江省金华市中级人民法院", "Court")
    assert r("金华市司法局") == ("金华市司法局", "JudicialBureau")
    assert r("市公安局") == ("金华市义乌市公安局", "PublicSecurity")
    assert r("稠城街道办事处") == ("金华市义乌市稠城街道办事处", "Government")


def test_resolve_party_bodies_of_an_autonomous_region():
    ctx = _ctx(QINGTONGXIA)
    r = lambda s: organizations.resolve(ctx, s)  # noqa: E731
    assert r("自治区依法治区办") == ("中共宁夏回族自治区委员会全面依法治区委员会办公室", "PartyCommittee")
    assert r("自治区党委") == ("中共宁夏回族自治区委员会", "PartyCommittee")
    assert r("市委依法治市办") == ("中共吴忠市青铜峡市委全面依法治市委员会办公室", "PartyCommittee")


def test_extract_departments_in_a_list_and_agents():
    body = "区司法局联合公安、人社和民政等5个部门开展执法检查。监所、公安等单位协同配合。我局经验被省列为试点。\n"
    assert _orgs(HUICHUAN, body) == {
        ("遵义市汇川区司法局", "JudicialBureau"): ["贵州省遵义市汇川区司法局", "区司法局", "我局"],
        ("遵义市公安局汇川区分局", "PublicSecurity"): ["公安"],
        ("遵义市汇川区人力资源和社会保障局", "AdministrativeAgency"): ["人社"],
        ("遵义市汇川区民政局", "AdministrativeAgency"): ["民政"],
        ("贵州省人民政府", "Government"): ["省"],
    }


def test_extract_places_that_only_qualify_or_are_honored_are_not_bodies():
    body = (
        "高坪街道人民调解员张某获评优秀调解员。团泽镇成功创建为省级民主法治示范镇。"
        "法治乡村建设深入推进。印发镇街执法指引。转塘街道长岭村被评为示范村。"
        "如大连路街道通过建立矛调中心化解纠纷。召开区委理论学习中心组学习会。\n"
    )
    assert _orgs(YANTA, body) == {
        ("西安市雁塔区人民政府", "Government"): ["陕西省西安市雁塔区人民政府"],
        ("西安市雁塔区大连路街道办事处", "Government"): ["大连路街道"],
        ("中共西安市雁塔区委员会", "PartyCommittee"): ["区委"],  # the 中心组 is the 区委's, not a body
    }


def test_extract_a_place_that_acts_keeps_its_honor_mention():
    body = "团泽镇调处纠纷30件。团泽镇成功创建为省级民主法治示范镇。\n"
    assert _orgs(HUICHUAN, body) == {
        ("遵义市汇川区司法局", "JudicialBureau"): ["贵州省遵义市汇川区司法局"],
        ("遵义市汇川区团泽镇人民政府", "Government"): ["团泽镇"],
    }


def test_extract_drops_generic_and_glued_surfaces():
    body = (
        "自贸区综合服务中心挂牌。与人民法院、人民检察院建立信息共享机制。"
        "各街道、各司法所和相关部门参与。城市管理局开展执法。各区县司法局配合。"
        "召开区委理论学习中心组学习会。\n"
    )
    assert _orgs(WENZHOU, body) == {("温州市人民政府", "Government"): ["温州市人民政府"]}
    assert _orgs(HEJIANG, "区法院未涉及。\n") == {("泸州市合江县人民政府", "Government"): ["合江县人民政府"]}


def test_extract_named_station_of_a_center():
    assert _orgs(CANGSHAN, "发挥福州行政争议调解中心仓山工作站作用。\n") == {
        ("福州市仓山区司法局", "JudicialBureau"): ["福州市仓山区司法局"],
        ("福州行政争议调解中心仓山工作站", "MediationOrganization"): ["福州行政争议调解中心仓山工作站"],
    }


YUELU = "长沙市岳麓区人民政府关于2022年法治政府建设情况的报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"
HEXI = "天津市河西区司法局2022年法治政府建设年度报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"
SUZHOU = "苏州市人民政府2022年法治政府建设年度报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"


def test_resolve_district_police_branches_and_stations():
    ctx = _ctx(YUELU)
    r = lambda s: organizations.resolve(ctx, s)  # noqa: E731
    # written by the district's short name: the branch is named short, as its seal reads
    assert r("岳麓公安分局") == ("长沙市公安局岳麓分局", "PublicSecurity")
    # written in full or only by its level marker: the district's full name
    assert r("岳麓区公安分局") == ("长沙市公安局岳麓区分局", "PublicSecurity")
    assert r("区公安分局") == ("长沙市公安局岳麓区分局", "PublicSecurity")
    # a police station is a station of its district's branch
    assert r("岳麓区望月湖派出所") == ("长沙市公安局岳麓区分局望月湖派出所", "PublicSecurity")
    assert r("望月湖派出所") == ("长沙市公安局岳麓区分局望月湖派出所", "PublicSecurity")
    assert r("市公安局") == ("长沙市公安局", "PublicSecurity")
    # in a municipality a district branch is always named short
    ctx = _ctx(HEXI)
    assert organizations.resolve(ctx, "河西区公安分局") == ("天津市公安局河西分局", "PublicSecurity")
    assert organizations.resolve(ctx, "友谊路派出所") == ("天津市公安局河西分局友谊路派出所", "PublicSecurity")
    # a county has its own 公安局
    ctx = _ctx(HEJIANG)
    assert organizations.resolve(ctx, "白沙派出所") == ("泸州市合江县公安局白沙派出所", "PublicSecurity")


def test_resolve_generic_bodies_are_not_organizations():
    ctx = _ctx(YUELU)
    r = lambda s: organizations.resolve(ctx, s)  # noqa: E731
    assert r("辖区派出所") is None
    assert r("辖区人民调解委员会") is None
    assert r("人民调解室") is None  # the kind of room
    assert r("县级矛调中心") is None
    assert r("区发展总体布局") is None  # 布局 is no 局
    assert r("区工作格局") is None
    # named bodies of the same kinds still resolve
    assert r("望城调解室") == ("望城调解室", "MediationOrganization")
    assert r("区民政局") == ("长沙市岳麓区民政局", "AdministrativeAgency")
    assert r("区医疗保障局") == ("长沙市岳麓区医疗保障局", "AdministrativeAgency")


def test_resolve_law_enforcement_bureau_as_written():
    ctx = _ctx(YUELU)
    assert organizations.resolve(ctx, "区综合行政执法局") == ("长沙市岳麓区综合行政执法局", "AdministrativeAgency")
    assert organizations.resolve(ctx, "区综合执法局") == ("长沙市岳麓区综合执法局", "AdministrativeAgency")


def test_extract_generic_bodies_and_a_place_qualifying_villages():
    body = (
        "区公安分局在辖区派出所设立人民调解室15个,与辖区人民调解委员会联合调处纠纷。"
        "力争含浦街道、莲花镇每个行政村培养法律明白人10名。全市县级矛调中心受理诉求。\n"
    )
    assert _orgs(YUELU, body) == {
        ("长沙市岳麓区人民政府", "Government"): ["长沙市岳麓区人民政府"],
        ("长沙市公安局岳麓区分局", "PublicSecurity"): ["区公安分局"],
    }


def test_extract_lower_divisions_acting_in_a_city_report():
    body = (
        "昆山市围绕电子产业开展涉企合规指导,帮助企业300家。太仓市整合调解资源化解纠纷。"
        "在常熟市召开现场会。吴江区、吴中区等地推广经验。张家港市荣获全国法治政府建设示范市。"
        "相城区的做法被推广。\n"
    )
    assert _orgs(SUZHOU, body) == {
        ("苏州市人民政府", "Government"): ["苏州市人民政府"],
        ("苏州市昆山市人民政府", "Government"): ["昆山市"],
        ("苏州市太仓市人民政府", "Government"): ["太仓市"],
    }
    # in a district report the district itself is no lower division
    assert _orgs(YUELU, "岳麓区开展法治宣传活动。\n") == {
        ("长沙市岳麓区人民政府", "Government"): ["长沙市岳麓区人民政府"]
    }


TIANHE = "广州市天河区人民政府2023年法治政府建设年度报告\n\n一、2023年度推进法治政府建设的主要举措和成效\n"
XIAOSHAN_DEPT = "杭州市萧山区司法局2023年法治政府建设年度报告\n\n一、2023年度推进法治政府建设的主要举措和成效\n"


def test_resolve_police_branch_written_after_public_security():
    ctx = _ctx(TIANHE)
    assert organizations.resolve(ctx, "公安天河分局") == ("广州市公安局天河分局", "PublicSecurity")
    assert organizations.resolve(ctx, "公安天河区分局") == ("广州市公安局天河区分局", "PublicSecurity")
    assert organizations.resolve(ctx, "天河分局") is None  # a bare 分局 after a division: no department
    assert organizations.resolve(ctx, "公安某某分局") is None


def test_resolve_activities_ending_like_bodies_are_not_organizations():
    ctx = _ctx(TIANHE)
    assert organizations.resolve(ctx, "模拟法庭") is None
    assert organizations.resolve(ctx, "云上法庭") is None
    assert organizations.resolve(ctx, "棠下法庭") == ("广州市天河区棠下法庭", "Court")


def test_extract_places_as_locations_and_after_a_word_ending():
    body = (
        "在石牌街道、棠下街道等地开展送法进社区活动。联合区法院在沙河街道开展模拟法庭活动。"
        "全年下放事项120项,其中猎德街道率先完成执法队伍组建。\n"
    )
    assert _orgs(TIANHE, body) == {
        ("广州市天河区人民政府", "Government"): ["广州市天河区人民政府"],
        ("广东省广州市天河区人民法院", "Court"): ["区法院"],
        ("广州市天河区猎德街道办事处", "Government"): ["猎德街道"],
    }


def test_extract_quoted_room_names_section_of_a_person_and_bar_association():
    body = (
        "瓜沥镇打造“老娘舅”调解室,该调解室全年化解纠纷90件。各村推广“红枫”调解室经验。"
        "区律师协会组织律师参与公益法律服务。我局法治督察科科长张明获评先进个人。"
        "通过市司法局组织的普法检查验收。\n"
    )
    assert _orgs(XIAOSHAN_DEPT, body) == {
        ("杭州市萧山区司法局", "JudicialBureau"): ["杭州市萧山区司法局", "我局"],
        ("杭州市萧山区瓜沥镇人民政府", "Government"): ["瓜沥镇"],
        ("老娘舅调解室", "MediationOrganization"): ["“老娘舅”调解室"],
        ("杭州市萧山区律师协会", "Association"): ["区律师协会"],
        ("杭州市司法局", "JudicialBureau"): ["市司法局"],
    }


BALIN = "赤峰市巴林右旗司法局2022年法治政府建设年度报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"
NANJING = "南京市人民政府2022年法治政府建设年度报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"


def test_extract_sumu_townships_of_a_banner():
    body = "巴彦尔灯苏木组建双语调解队伍。向7个苏木镇下放事项12项,组织苏木镇执法人员培训3期。\n"
    assert _orgs(BALIN, body) == {
        ("赤峰市巴林右旗司法局", "JudicialBureau"): ["赤峰市巴林右旗司法局"],
        ("赤峰市巴林右旗巴彦尔灯苏木人民政府", "Government"): ["巴彦尔灯苏木"],
    }


def test_extract_national_ministries_and_banner_police():
    body = "我局联合旗公安局开展普法。两个嘎查被公安部、民政部命名为示范村。加强与民政部门协作。\n"
    assert _orgs(BALIN, body) == {
        ("赤峰市巴林右旗司法局", "JudicialBureau"): ["赤峰市巴林右旗司法局", "我局"],
        ("赤峰市巴林右旗公安局", "PublicSecurity"): ["旗公安局"],
        ("中华人民共和国公安部", "AdministrativeAgency"): ["公安部"],
        ("中华人民共和国民政部", "AdministrativeAgency"): ["民政部"],
    }


def test_extract_no_place_from_a_time_word_or_a_cut_title_word():
    body = "在各镇(街道)配备审核人员,全年镇(街道)审核执法文书500件。联合建立示范区律师调解工作室2个。\n"
    assert _orgs(HUICHUAN, body) == {("遵义市汇川区司法局", "JudicialBureau"): ["贵州省遵义市汇川区司法局"]}


def test_extract_named_committee_run_by_a_place_and_a_university():
    body = (
        "高坪街道依托物流园人民调解委员会,化解纠纷20件。区司法局依托商贸城人民调解委员会开展调解。"
        "邀请华东政法大学教授授课,组织大学生志愿者普法。\n"
    )
    assert _orgs(HUICHUAN, body) == {
        ("遵义市汇川区司法局", "JudicialBureau"): ["贵州省遵义市汇川区司法局", "区司法局"],
        ("遵义市汇川区高坪街道办事处", "Government"): ["高坪街道"],
        ("遵义市汇川区高坪街道物流园人民调解委员会", "MediationCommittee"): ["物流园人民调解委员会"],
        ("遵义市汇川区商贸城人民调解委员会", "MediationCommittee"): ["商贸城人民调解委员会"],
        ("华东政法大学", "Other"): ["华东政法大学"],
    }


def test_extract_lower_divisions_acting_after_an_item_number():
    body = "1. 江宁区创新调解工作法,化解纠纷300件。\n(二)溧水区组建法律服务队。\n3. 六合区、浦口区被评为示范区。\n"
    assert _orgs(NANJING, body) == {
        ("南京市人民政府", "Government"): ["南京市人民政府"],
        ("南京市江宁区人民政府", "Government"): ["江宁区"],
        ("南京市溧水区人民政府", "Government"): ["溧水区"],
    }


# ---------------------------------------------------------------- heldout-4 error classes

YUBEI = "重庆市渝北区司法局2023年法治政府建设年度报告\n\n一、2023年度推进法治政府建设的主要举措和成效\n"
XIHU = "杭州市西湖区司法局2022年法治政府建设年度报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"


def test_resolve_branch_written_in_full_with_its_city():
    yubei = _ctx(YUBEI)
    # a municipality: the dev form names the district short (北京市公安局朝阳分局)
    assert organizations.resolve(yubei, "重庆市公安局渝北分局") == ("重庆市公安局渝北分局", "PublicSecurity")
    assert organizations.resolve(yubei, "重庆市公安局渝北区分局") == ("重庆市公安局渝北分局", "PublicSecurity")
    yanta = _ctx(YANTA)
    assert organizations.resolve(yanta, "西安市公安局雁塔区分局") == ("西安市公安局雁塔区分局", "PublicSecurity")
    assert organizations.resolve(yanta, "西安市公安局雁塔分局") == ("西安市公安局雁塔分局", "PublicSecurity")
    xihu = _ctx(XIHU)
    assert organizations.resolve(xihu, "杭州市生态环境局西湖分局") == (
        "杭州市生态环境局西湖分局",
        "AdministrativeAgency",
    )
    # not a district of the city: no branch
    assert organizations.resolve(xihu, "杭州市公安局交通分局") is None


def test_extract_branch_written_in_full_keeps_the_branch():
    body = "重庆市公安局渝北分局深化执法办案管理中心建设,全年受理行政案件300件。\n"
    assert _orgs(YUBEI, body) == {
        ("重庆市渝北区司法局", "JudicialBureau"): ["重庆市渝北区司法局"],
        ("重庆市公安局渝北分局", "PublicSecurity"): ["重庆市公安局渝北分局"],
    }


def test_extract_leading_verbs_stripped_and_university_school_kept_whole():
    body = (
        "走进西南政法大学、重庆大学等高校开展法治讲座。街道联合西南政法大学民商法学院打造普法品牌。"
        "深入重庆大学法学院开展宣讲,组织大学生志愿者普法。\n"
    )
    assert _orgs(YUBEI, body) == {
        ("重庆市渝北区司法局", "JudicialBureau"): ["重庆市渝北区司法局"],
        ("西南政法大学", "Other"): ["西南政法大学"],
        ("重庆大学", "Other"): ["重庆大学"],
        ("西南政法大学民商法学院", "Other"): ["西南政法大学民商法学院"],
        ("重庆大学法学院", "Other"): ["重庆大学法学院"],
    }


def test_extract_no_body_from_an_honor_designation_or_a_verb_before_it():
    body = (
        "双桥街道司法所被省司法厅评为全省“枫桥式司法所”。三墩镇人民调解委员会被评为全市“金牌人民调解委员会”。"
        "留下街道整合司法所、派出所和律师事务所力量,创新三所联动机制。\n"
    )
    assert _orgs(XIHU, body) == {
        ("杭州市西湖区司法局", "JudicialBureau"): ["杭州市西湖区司法局"],
        ("杭州市西湖区双桥街道司法所", "JusticeOffice"): ["双桥街道司法所"],
        ("浙江省司法厅", "JudicialBureau"): ["省司法厅"],
        ("杭州市西湖区三墩镇人民调解委员会", "MediationCommittee"): ["三墩镇人民调解委员会"],
        ("杭州市西湖区留下街道办事处", "Government"): ["留下街道"],
    }


def test_resolve_mediation_centers_and_culture_bureau_abbreviations():
    ctx = _ctx(HEJIANG)
    r = lambda s: organizations.resolve(ctx, s)  # noqa: E731
    assert r("县社会矛盾纠纷调处化解中心") == ("泸州市合江县社会矛盾纠纷调处化解中心", "MediationOrganization")
    assert r("县矛调中心") == ("泸州市合江县社会矛盾纠纷调处化解中心", "MediationOrganization")
    assert r("县文广体旅局") == ("泸州市合江县文化广电体育和旅游局", "AdministrativeAgency")
    assert r("县文广旅局") == ("泸州市合江县文化广电和旅游局", "AdministrativeAgency")
    assert r("县文旅局") == ("泸州市合江县文化和旅游局", "AdministrativeAgency")
    assert r("县人大常委会") == ("泸州市合江县人民代表大会常务委员会", "Legislature")
    assert organizations.org_type("泸州市合江县政务服务中心") == "AdministrativeAgency"


def test_extract_mediation_center_and_no_center_of_each_township():
    body = "县矛调中心全年接待群众来访800批次,各乡镇矛调中心化解纠纷300件。\n"
    assert _orgs(HEJIANG, body) == {
        ("泸州市合江县人民政府", "Government"): ["合江县人民政府"],
        ("泸州市合江县社会矛盾纠纷调处化解中心", "MediationOrganization"): ["县矛调中心"],
    }


PUDONG = "上海市浦东新区人民政府关于2023年法治政府建设情况的报告\n\n一、2023年推进法治政府建设的主要举措和成效\n"
GUCHENG = "襄阳市谷城县司法局2022年法治政府建设年度报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"
YONGJIA = "温州市永嘉县司法局2022年法治政府建设年度报告\n\n一、2022年度推进法治政府建设的主要举措和成效\n"


def _org_rows(title: str, body: str) -> list[tuple[str, str, list[str]]]:
    return [(o.name, o.type, o.mentions) for o in organizations.extract(_ctx(title, body))]


def test_a_new_area_is_named_by_its_short_name():
    ctx = _ctx(PUDONG)
    r = lambda s: organizations.resolve(ctx, s)  # noqa: E731
    assert r("公安浦东分局") == ("上海市公安局浦东分局", "PublicSecurity")
    assert r("区政务服务办") == ("上海市浦东新区政务服务办公室", "AdministrativeAgency")
    assert r("区政务服务局") == ("上海市浦东新区政务服务管理局", "AdministrativeAgency")


def test_standard_abbreviation_of_the_medical_dispute_committee():
    ctx = _ctx(GUCHENG)
    assert organizations.resolve(ctx, "县医调委") == ("襄阳市谷城县医疗纠纷人民调解委员会", "MediationCommittee")
    assert organizations.resolve(ctx, "医疗纠纷人民调解委员会") == (
        "襄阳市谷城县医疗纠纷人民调解委员会",
        "MediationCommittee",
    )


def test_a_verb_phrase_before_a_township_ending_is_no_township():
    body = "全年组织送法下乡、科技进乡活动三十场次。"
    assert _org_rows(YONGJIA, body) == [("温州市永嘉县司法局", "JudicialBureau", ["温州市永嘉县司法局"])]
    # a real town whose short name ends in 下 is still a town
    got = _org_rows(YONGJIA, "桥下镇组织开展普法宣传。")
    assert ("温州市永嘉县桥下镇人民政府", "Government", ["桥下镇"]) in got


def test_towns_that_only_qualify_honored_villages_are_no_bodies():
    body = "茶园镇红星村、石门乡新华村被确认为“湖北省民主法治示范村”。"
    assert _org_rows(GUCHENG, body) == [("襄阳市谷城县司法局", "JudicialBureau", ["襄阳市谷城县司法局"])]
    # a town that acts on a village is a body
    got = _org_rows(GUCHENG, "茶园镇指导红星村开展矛盾纠纷排查。")
    assert ("襄阳市谷城县茶园镇人民政府", "Government", ["茶园镇"]) in got


def test_a_named_room_under_a_town_gets_the_county_prefix():
    got = _org_rows(GUCHENG, "茶园镇老支书调解工作室全年调处纠纷五十件。")
    assert ("襄阳市谷城县茶园镇老支书调解工作室", "MediationOrganization", ["茶园镇老支书调解工作室"]) in got
    assert [n for n, _, _ in got if n.endswith("茶园镇人民政府")] == []
