"""kg.build and the CLI commands build / export / stats, on small fixture reports.

The extractors change while the project grows, so the facts here come from a fixture
extractor (real metadata, facts found by simple markers); the counts are exact.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.build
from kg.build import build
from kg.cli import main
from kg.model import Extraction, Initiative, Outcome
from kg.store import Store


def marker_extract(doc, divisions=None) -> Extraction:
    """The real extractor's metadata; one adoption per sentence naming 三项制度 and one
    outcome per "<n>件" (so a report's counts are plain to see)."""
    from kg.extractors import extract

    ex = extract(doc, divisions)
    ex.organizations, ex.honors, ex.promotions = [], [], []
    ex.initiatives, ex.outcomes = [], []
    for m in re.finditer(r"[^。\n]*。", doc.text):
        s, e = m.span()
        if "三项制度" in m.group():
            ex.initiatives.append(Initiative(s, e, m.group(), name="行政执法三项制度", status="implemented"))
        for n in re.finditer(r"(\d+)件", m.group()):
            ex.outcomes.append(Outcome(s, e, m.group(), indicator="案件", value=int(n.group(1)), unit="件"))
    return ex


@pytest.fixture(autouse=True)
def fixture_extractor(monkeypatch):
    monkeypatch.setattr(kg.build, "extract", marker_extract)


def report(folder: Path, name: str, place: str = "浙江省杭州市西湖区", year: int = 2021, body: str = "") -> Path:
    body = body or "全面推行行政执法三项制度。全年办理行政复议案件120件,行政诉讼案件35件。"
    path = folder / name
    path.write_text(f"{place}{year}年法治政府建设年度报告\n\n{body}\n", encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def nq(store_path: Path) -> list[str]:
    return run("export", "--format", "nq", "--store", str(store_path)).output.splitlines()


def test_build_summary_counts_every_category(tmp_path):
    report(tmp_path, "a.txt")
    report(tmp_path, "b.txt", "北京市朝阳区", 2020, "深化行政执法三项制度。受理案件7件。")
    seen: list[tuple[str, int, int]] = []
    store = Store()
    summary = build([tmp_path], store, progress=lambda p, i, n: seen.append((p.name, i, n)))
    assert summary.reports == ["a.txt", "b.txt"]
    assert summary.skipped == []
    # organizations: each report's publisher
    assert summary.facts == {"organizations": 2, "adoptions": 2, "outcomes": 3, "honors": 0, "promotions": 0}
    assert seen == [("a.txt", 1, 2), ("b.txt", 2, 2)]
    assert summary.ok
    st = store.stats()
    assert [(r["key"], r["year"], r["adoptions"], r["outcomes"]) for r in st.reports] == [
        ("a.txt", 2021, 1, 2),
        ("b.txt", 2020, 1, 1),
    ]


def test_cli_build_twice_gives_the_same_triples(tmp_path):
    src = tmp_path / "reports"
    src.mkdir()
    report(src, "a.txt")
    report(src, "b.txt", "北京市朝阳区", 2020)
    store = tmp_path / "store"
    first = run("build", str(src), "--store", str(store))
    assert first.exit_code == 0, first.output
    assert "2 reports built" in first.output
    once = nq(store)
    again = run("build", str(src), "--store", str(store))
    assert again.exit_code == 0, again.output
    assert nq(store) == once
    assert len(nq(store)) == len(once)


def test_cli_changed_report_replaces_its_facts(tmp_path):
    store = tmp_path / "store"
    path = report(tmp_path, "a.txt")
    assert run("build", str(path), "--store", str(store)).exit_code == 0
    report(tmp_path, "a.txt", body="受理案件9件。")
    assert run("build", str(path), "--store", str(store)).exit_code == 0
    s = Store(store)
    rows = s.select("SELECT ?v WHERE { ?o a gk:Outcome ; gk:value ?v }")
    assert rows == [{"v": "9"}]
    assert s.select("SELECT ?a WHERE { ?a a gk:Adoption }") == []


BAD_CASES = {
    "empty.txt": (b"", "empty file"),
    "binary.txt": (bytes(range(256)) * 4, "binary file, not text"),
    "undecodable.txt": (b"\xff\xfe\xfd\x81\x30" * 3 + "法治".encode() + b"\x80\x81\xfe" * 20, "undecodable bytes"),
    "noplace.txt": (
        "2021年法治政府建设年度报告\n\n全面推行行政执法三项制度。\n".encode(),
        "no detectable jurisdiction",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_cli_bad_input_is_named_good_files_built_store_kept(tmp_path, name):
    store = tmp_path / "store"
    src = tmp_path / "reports"
    src.mkdir()
    report(src, "good.txt")
    assert run("build", str(src), "--store", str(store)).exit_code == 0
    before = nq(store)
    data, reason = BAD_CASES[name]
    (src / name).write_bytes(data)
    report(src, "other.txt", "北京市朝阳区", 2020)
    result = run("build", str(src), "--store", str(store))
    assert result.exit_code == 1
    problems = [line for line in result.output.splitlines() if str(src / name) in line]
    assert len(problems) == 1
    assert problems[0].startswith(f"govkg: {src / name}: {reason}")
    assert "Traceback" not in result.output
    after = nq(store)
    assert set(before) <= set(after)  # the good report is still there, unchanged
    assert Store(store).report_keys() == ["good.txt", "other.txt"]


def test_cli_report_without_year(tmp_path):
    path = tmp_path / "noyear.txt"
    path.write_text("浙江省杭州市西湖区法治政府建设情况报告\n\n全面推行行政执法三项制度。\n", encoding="utf-8")
    result = run("build", str(path), "--store", str(tmp_path / "store"))
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(f"govkg: {path}: ")
    assert "year" in result.output.splitlines()[0]


def test_cli_missing_path_and_empty_folder(tmp_path):
    store = tmp_path / "store"
    good = report(tmp_path, "good.txt")
    empty = tmp_path / "nothing"
    empty.mkdir()
    result = run("build", str(good), str(tmp_path / "missing.txt"), str(empty), "--store", str(store))
    assert result.exit_code == 1
    assert f"govkg: {tmp_path / 'missing.txt'}: no such file or folder" in result.output.splitlines()
    assert f"govkg: {empty}: folder holds no reports (.txt, .md, .html)" in result.output.splitlines()
    assert Store(store).report_keys() == ["good.txt"]


def test_cli_strict_stops_at_the_first_problem_and_writes_nothing(tmp_path):
    store = tmp_path / "store"
    src = tmp_path / "reports"
    src.mkdir()
    report(src, "a.txt")
    assert run("build", str(src), "--store", str(store)).exit_code == 0
    before = nq(store)
    report(src, "a.txt", body="受理案件9件。")  # changed, would replace a.txt
    (src / "b.txt").write_bytes(b"")
    report(src, "c.txt", "北京市朝阳区", 2020)
    result = run("build", str(src), "--store", str(store), "--strict")
    assert result.exit_code == 1
    problems = [line for line in result.output.splitlines() if line.startswith("govkg: ") and ": empty file" in line]
    assert problems == [f"govkg: {src / 'b.txt'}: empty file"]
    assert "--strict" in result.output
    assert nq(store) == before  # a.txt not replaced, c.txt not added
    assert Store(store).report_keys() == ["a.txt"]


def test_same_file_name_twice_is_skipped(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    report(tmp_path / "x", "a.txt")
    report(tmp_path / "y", "a.txt", "北京市朝阳区", 2020)
    summary = build([tmp_path / "x", tmp_path / "y"], Store())
    assert summary.reports == ["a.txt"]
    assert summary.skipped == [
        (tmp_path / "y" / "a.txt", f"same file name as {tmp_path / 'x' / 'a.txt'} (report keys come from file names)")
    ]


def test_a_crashing_extractor_skips_the_file(tmp_path, monkeypatch):
    def boom(doc, divisions=None):
        if doc.name == "b.txt":
            raise IndexError("list index out of range")
        return marker_extract(doc, divisions)

    monkeypatch.setattr(kg.build, "extract", boom)
    report(tmp_path, "a.txt")
    report(tmp_path, "b.txt")
    summary = build([tmp_path], Store())
    assert summary.reports == ["a.txt"]
    assert summary.skipped == [(tmp_path / "b.txt", "extraction failed (IndexError: list index out of range)")]


def test_cli_export_and_stats(tmp_path):
    store = tmp_path / "store"
    report(tmp_path, "a.txt")
    assert run("build", str(tmp_path / "a.txt"), "--store", str(store)).exit_code == 0
    lines = nq(store)
    assert len(lines) == len(Store(store))
    out = tmp_path / "out" / "g.jsonld"
    result = run("export", "--format", "jsonld", "--store", str(store), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))
    ttl = run("export", "--store", str(store)).output
    assert "gk:Report" in ttl
    stats = run("stats", "--store", str(store))
    assert stats.exit_code == 0
    assert "gk:Adoption" in stats.output and "a.txt" in stats.output
    js = json.loads(run("stats", "--store", str(store), "--format", "json").output)
    assert [(r["key"], r["adoptions"], r["outcomes"], r["organizations"]) for r in js["reports"]] == [
        ("a.txt", 1, 2, 1)
    ]
    assert js["classes"]["gk:Outcome"] == 2


def test_cli_export_and_stats_without_a_store(tmp_path):
    for args in (["export"], ["stats"]):
        result = run(*args, "--store", str(tmp_path / "none"))
        assert result.exit_code == 1
        assert result.output == f"govkg: {tmp_path / 'none'}: no store here; run `govkg build` first\n"


def test_cli_progress_bar_for_many_reports(tmp_path):
    for i in range(5):
        report(tmp_path, f"r{i}.txt")
    result = run("build", str(tmp_path), "--store", str(tmp_path / "store"))
    assert result.exit_code == 0, result.output
    assert "building" in result.output
    assert "5 reports built" in result.output
