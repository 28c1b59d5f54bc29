from kg.divisions import short_name, table


def test_get_chain_parents_city_province():
    t = table()
    d = t.get("350104")
    assert (d.name, d.level, d.full_name) == ("仓山区", "county", "福建省福州市仓山区")
    assert [x.code for x in t.chain("350104")] == ["350104", "350100", "350000"]
    assert [x.name for x in t.parents("350104")] == ["福州市", "福建省"]
    assert t.city("350104").name == "福州市"
    assert t.province("350104").name == "福建省"
    # a district of a municipality has no prefecture-level city
    assert t.city("110105") is None
    assert [x.code for x in t.parents("110105")] == ["110000"]
    assert t.get("999999") is None


def test_resolve_chains_and_ambiguous_names():
    t = table()
    assert [d.code for d in t.resolve("北京市朝阳区")] == ["110105"]
    assert [d.code for d in t.resolve("长春市朝阳区")] == ["220104"]
    assert [d.code for d in t.resolve("吉林省长春市朝阳区")] == ["220104"]
    assert sorted(d.code for d in t.resolve("朝阳区")) == ["110105", "220104"]
    assert t.resolve("朝阳区", context="在长春市委领导下，吉林省…")[0].code == "220104"
    assert t.resolve("朝阳区", context="在北京市委领导下")[0].code == "110105"
    assert [d.code for d in t.resolve("宁夏回族自治区吴忠市利通区")] == ["640302"]


def test_scan_joins_consecutive_names_into_chains():
    t = table()
    got = [
        (m.text, [c.code for c in m.candidates]) for m in t.scan("浙江省杭州市西湖区司法局和宁夏吴忠市利通区，朝阳区")
    ]
    assert got == [
        ("浙江省杭州市西湖区", ["330106"]),
        ("宁夏吴忠市利通区", ["640302"]),
        ("朝阳区", ["110105", "220104"]),
    ]
    # a bare province short name is not a mention, and short generic names can be left out
    assert t.scan("浙江的经验") == []
    assert [m.text for m in t.scan("老城区改造和城区建设", min_len=3)] == ["老城区"]


def test_context_score_prefers_written_chains():
    t = table()
    bj, cc = t.get("110105"), t.get("220104")
    assert t.disambiguate([bj, cc], "长春市朝阳区 北京 北京")[0].code == "220104"
    assert t.disambiguate([bj, cc], "")[0].code == "110105"


def test_short_name():
    assert short_name("宁夏回族自治区") == "宁夏"
    assert short_name("朝阳区") == "朝阳"
    assert short_name("和县") == "和县"


def test_older_divisions_still_resolve_and_current_ones_win():
    t = table()
    assert [(d.code, d.full_name, d.current) for d in t.resolve("重庆市渝北区")] == [("500112", "重庆市渝北区", False)]
    assert [(d.code, d.current) for d in t.resolve("杭州市江干区")] == [("330104", False)]
    # 崇川区 was recoded (320602 -> 320613): only the current code answers to the name
    assert [d.code for d in t.resolve("南通市崇川区")] == ["320613"]
    current = {(d.code[:2], d.name) for d in t.by_code.values() if d.current}
    assert [d.code for d in t.by_code.values() if not d.current and (d.code[:2], d.name) in current] == []


def test_hong_kong_macao_taiwan_districts_are_not_read_in_running_text():
    t = table()
    assert [m.text for m in t.scan("香港湾仔区律师、台湾台中北区代表团来访渝北区")] == ["渝北区"]


def test_short_names_of_new_areas_and_the_forest_district():
    assert short_name("浦东新区") == "浦东"
    assert short_name("两江新区") == "两江"
    assert short_name("神农架林区") == "神农架"
    # 新区/林区 that end an ordinary name are not suffixes there
    assert short_name("清新区") == "清新"
    assert short_name("万柏林区") == "万柏林"
    assert short_name("碑林区") == "碑林"
    t = table()
    assert "310115" in [d.code for d in t.candidates("浦东")]
    assert [d.code for d in t.candidates("神农架")] == ["429021"]
