import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.ingest import IngestError, decode, discover, html_text, load, read_source, source_span

from .conftest import ROOT

REPORTS = ROOT / "tests" / "data" / "reports"
SAMPLE = "北京市朝阳区司法局2023年法治政府建设年度情况报告\n2023年，我局共办理行政复议案件5258件。\n"


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + SAMPLE.encode("utf-16-be"), "utf-16"),
    ],
)
def test_decode_detects_each_encoding(raw, encoding):
    assert decode(raw) == (SAMPLE, encoding)


def test_short_gbk_that_is_also_valid_utf8_decodes_as_gbk():
    raw = "专业".encode("gbk")
    raw.decode("utf-8")  # valid UTF-8 (as Hebrew letters) ...
    assert decode(raw) == ("专业", "gb18030")  # ... but read as the Chinese it is
    assert decode("法治".encode("gbk")) == ("法治", "gb18030")


def test_gbk_html_report_is_real_gbk_and_decoded():
    raw = (REPORTS / "xihu_2022.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    doc = load(REPORTS / "xihu_2022.html")
    assert doc.encoding == "gb18030"
    assert doc.media_type == "text/html"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file, not text"),
        (bytes(range(128, 256)) * 3, "undecodable bytes at offset 0 (not UTF-8, UTF-16 or GB18030)"),
    ],
)
def test_bad_files_raise_a_one_line_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError) as exc:
        load(path)
    assert str(exc.value) == reason


def test_missing_path_and_folder_given_to_load(tmp_path):
    with pytest.raises(IngestError, match="^no such file$"):
        load(tmp_path / "nope.txt")
    with pytest.raises(IngestError, match="^is a folder, not a file$"):
        load(tmp_path)


def test_html_with_only_navigation_has_no_visible_text(tmp_path):
    path = tmp_path / "nav.html"
    path.write_text(
        "<html><body><div>【加大字体】【缩小字体】 打印 关闭窗口</div><script>x=1</script></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(IngestError, match="^no visible text in the HTML page$"):
        load(path)


def test_discover_recurses_and_names_what_it_skips(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b").mkdir()
    (tmp_path / "a" / "one.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "b" / "two.html").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "b" / "three.md").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "a" / ".hidden").mkdir()
    (tmp_path / "a" / ".hidden" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    found, skipped = discover([tmp_path / "a", tmp_path / "empty", tmp_path / "missing", tmp_path / "a" / "notes.pdf"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a/b/three.md", "a/b/two.html", "a/one.txt"]
    assert [(p.name, r) for p, r in skipped] == [
        ("empty", "folder holds no reports (.txt, .md, .html)"),
        ("missing", "no such file or folder"),
        ("notes.pdf", "unsupported file type .pdf (expected .txt, .md or .html)"),
    ]


def test_html_text_drops_tags_scripts_styles_and_navigation():
    doc = load(REPORTS / "xihu_2022.html")
    lines = doc.text.splitlines()
    assert lines[0] == "来源：西湖区司法局 发布时间：2023-02-16"
    assert lines[1] == "杭州市西湖区司法局关于2022年度法治政府建设情况的报告"
    assert lines[-2:] == ["杭州市西湖区司法局", "2023年2月15日"]
    for gone in (
        "加大字体",
        "缩小字体",
        "打印",
        "关闭窗口",
        "当前位置",
        "doZoom",
        "color",
        "版权所有",
        "分享到",
        "政务公开",
        "<",
    ):
        assert gone not in doc.text


def test_navigation_phrases_only_go_where_they_stand_alone():
    text, _ = html_text(
        "<p>购置打印机3台，文物收藏馆1个。</p><p>字号：大 中 小 | 打印 | 关闭</p><p>规模大 中 小企业</p>"
    )
    assert text == "购置打印机3台，文物收藏馆1个。\n规模大 中 小企业"


def test_html_offsets_map_text_spans_back_to_the_source():
    path = REPORTS / "xihu_2022.html"
    doc = load(path)
    source, _ = read_source(path)
    for phrase in (
        "全年共收到行政复议申请415件",
        "“西湖法护”做法被浙江省司法厅在全省推广",
        "杭州市西湖区司法局关于2022年度法治政府建设情况的报告",
    ):
        start = doc.text.index(phrase)
        s, e = source_span(doc, start, start + len(phrase), source)
        assert source[s:e] == phrase
    assert len(doc.source_offsets) == len(doc.text) + 1


def test_html_offsets_cover_entities_and_tags_inside_a_span():
    source = "<div><p>甲&amp;乙</p><p>共<b>5</b>件&nbsp;整</p></div>"
    text, offsets = html_text(source)
    assert text == "甲&乙\n共5件 整"
    from kg.model import Document

    doc = Document(path=None, name="x", text=text, sha256="", encoding="utf-8", source_offsets=offsets)
    assert source[slice(*source_span(doc, 0, 3, source))] == "甲&amp;乙"
    assert source[slice(*source_span(doc, 4, 7, source))] == "共<b>5</b>件"
    assert source[slice(*source_span(doc, 1, 2, source))] == "&amp;"


def test_crlf_is_folded_and_offsets_point_into_the_file(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes("标题\r\n第一段。\r\n第二段。".encode("gbk"))
    doc = load(path)
    assert doc.text == "标题\n第一段。\n第二段。"
    source, _ = read_source(path)
    start = doc.text.index("第二段")
    assert source[slice(*source_span(doc, start, start + 4))] == "第二段。"


def test_txt_and_markdown_are_kept_as_written():
    md = load(REPORTS / "chaoyang_changchun_2023.md")
    assert md.media_type == "text/markdown"
    assert md.text == (REPORTS / "chaoyang_changchun_2023.md").read_text(encoding="utf-8")
    assert md.source_offsets is None
    assert md.text.startswith("# 朝阳区人民政府关于2023年度")


def test_cli_names_each_bad_input(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   ", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02\x03" * 10)
    folder = tmp_path / "nothing"
    folder.mkdir()
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(main, ["extract", str(empty), str(binary), str(folder), str(missing)])
    assert result.exit_code == 1
    assert sorted(result.stderr.strip().splitlines()) == sorted(
        [
            f"govkg: {empty}: empty file",
            f"govkg: {binary}: binary file, not text",
            f"govkg: {folder}: folder holds no reports (.txt, .md, .html)",
            f"govkg: {missing}: no such file or folder",
        ]
    )
    assert "Traceback" not in result.output


def test_cli_names_a_report_without_jurisdiction_or_year(tmp_path):
    nowhere = tmp_path / "nowhere.txt"
    nowhere.write_text("关于2022年法治政府建设情况的报告\n我们做了很多工作。\n", encoding="utf-8")
    noyear = tmp_path / "noyear.txt"
    noyear.write_text("杭州市西湖区司法局关于法治政府建设情况的报告\n我们做了很多工作。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(nowhere), str(noyear)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"govkg: {nowhere}: no detectable jurisdiction (no place name from the division table)",
        f"govkg: {noyear}: no detectable year covered",
    ]


def test_table_cells_are_tab_separated_and_map_back_to_the_source():
    source = (
        "<table><tr><th>序号</th><th>工作事项</th></tr>"
        "<tr><td>5</td><td> 人民调解 </td><td>全区调处纠纷9762宗</td></tr></table><p>正文。</p>"
    )
    text, offsets = html_text(source)
    assert text == "序号\t工作事项\n5\t人民调解\t全区调处纠纷9762宗\n正文。"
    i = text.index("全区")
    assert source[offsets[i] : offsets[i] + 2] == "全区"
