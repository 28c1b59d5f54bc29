"""Hostile or odd input to every command: one `govkg: ...` line on stderr, a non-zero
exit, no traceback, and the store left as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main

from .conftest import SEEDS

SEED = SEEDS / "000_2515ae68359f4538.txt"


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], input=stdin)


def err(result) -> str:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.stderr.strip()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("robust") / "store"
    result = run("build", SEED, "--store", path)
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def a_file(tmp_path) -> Path:
    f = tmp_path / "notes.txt"
    f.write_text("hello\n", encoding="utf-8")
    return f


# --------------------------------------------------------------------------- store locations


@pytest.mark.parametrize("command", ["stats", "export", "adoptions", "network", "query reports", "viz"])
def test_reading_a_folder_that_is_no_store_fails_and_writes_nothing_there(tmp_path, command):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text("x", encoding="utf-8")
    args = [*command.split(), "--store", folder]
    if command == "viz":
        args += ["-o", tmp_path / "v.html"]
    result = run(*args)
    assert result.exit_code == 1
    assert err(result) == f"govkg: {folder}: no store here; run `govkg build` first"
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]


@pytest.mark.parametrize("command", ["stats", "diffusion --top 3", "query reports", "build " + str(SEED)])
def test_store_path_that_is_a_file(a_file, command):
    result = run(*command.split(), "--store", a_file)
    assert result.exit_code == 1
    assert err(result) == f"govkg: {a_file}: is a file, not a store folder"
    assert a_file.read_text(encoding="utf-8") == "hello\n"


def test_build_refuses_a_folder_of_other_files(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text("x", encoding="utf-8")
    result = run("build", SEED, "--store", folder)
    assert result.exit_code == 1
    assert err(result) == f"govkg: {folder}: not a store (the folder holds other files); give a new or empty folder"
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]


def test_locked_store_build_says_so_and_readers_still_work(store):
    before = run("stats", "--store", store, "--format", "json").output
    holder = ox.Store(str(store))  # as a running `govkg build` would hold it
    try:
        result = run("build", SEED, "--store", store)
        assert result.exit_code == 1
        assert err(result) == (
            f"govkg: {store}: the store is in use by another process (a running `govkg build`?); "
            "try again when it has finished"
        )
        stats = run("stats", "--store", store, "--format", "json")
        assert stats.exit_code == 0
        assert stats.output == before
        assert run("diffusion", "--top", "1", "--store", store).exit_code == 0
    finally:
        del holder


# --------------------------------------------------------------------------- query


@pytest.mark.parametrize(
    ("text", "word"),
    [("DELETE WHERE { ?s ?p ?o }", "DELETE"), ("PREFIX x: <urn:x:>\nINSERT DATA { x:a x:b x:c }", "INSERT")],
)
def test_query_update_is_refused(store, tmp_path, text, word):
    rq = tmp_path / "u.rq"
    rq.write_text(text, encoding="utf-8")
    result = run("query", rq, "--store", store)
    assert result.exit_code == 2
    assert err(result) == f"govkg: SPARQL updates ({word}) are not allowed: queries cannot change the store"


def test_query_empty_stdin(store):
    result = run("query", "-", "--store", store, stdin="")
    assert result.exit_code == 2
    assert err(result) == "govkg: -: empty query on standard input"


def test_query_comment_only_file_folder_and_latin1(store, tmp_path):
    empty = tmp_path / "e.rq"
    empty.write_text("# nothing\n\n", encoding="utf-8")
    folder = tmp_path / "d.rq"
    folder.mkdir()
    latin = tmp_path / "l.rq"
    latin.write_bytes("SELECT * WHERE { ?s ?p 'café' }".encode("latin-1"))
    for path, message in [(empty, "empty query"), (folder, "is a folder, not a query file"), (latin, "not UTF-8 text")]:
        result = run("query", path, "--store", store)
        assert result.exit_code == 2
        assert err(result) == f"govkg: {path}: {message}"


def test_query_param_with_undecodable_bytes(store):
    result = run("query", "reports", "--store", store, "--param", "jurisdiction=\udcff")
    assert result.exit_code == 2
    assert err(result) == "govkg: --param jurisdiction: the value is not valid text (undecodable bytes)"


# --------------------------------------------------------------------------- output paths


def test_extract_out_to_a_folder_or_below_a_file(tmp_path, a_file):
    result = run("extract", SEED, "-o", tmp_path)
    assert result.exit_code == 1
    assert err(result) == f"govkg: cannot write {tmp_path}: Is a directory"
    below = a_file / "x.json"
    result = run("extract", SEED, "-o", below)
    assert result.exit_code == 1
    assert err(result) == f"govkg: cannot write {below}: a part of the path is a file, not a folder"


def test_diffusion_panel_below_a_file(store, a_file):
    below = a_file / "p.csv"
    result = run("diffusion", "行政执法三项制度", "--store", store, "--panel", below)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"govkg: cannot write {below}: a part of the path is a file, not a folder"
    )


def test_diffusion_initiative_and_top(store):
    result = run("diffusion", "行政执法三项制度", "--top", "3", "--store", store)
    assert result.exit_code == 2
    assert err(result) == "govkg: give an INITIATIVE or --top N, not both"


def test_serve_bad_host(store):
    result = run("serve", "--store", store, "--host", "999.1.1.1", "--port", "0")
    assert result.exit_code == 1
    assert err(result) == "govkg: cannot listen on 999.1.1.1:0: Invalid host/port specified."


# --------------------------------------------------------------------------- evaluate


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", None),
        ("[1, 2]", 'not a gold file (expected an object with a "report" object)'),
        ('{"report": {}, "initiatives": "x"}', '"initiatives" must be a list of objects'),
    ],
)
def test_evaluate_malformed_gold(tmp_path, content, reason):
    gold = tmp_path / "gold"
    gold.mkdir()
    f = gold / f"{SEED.name}.gold.json"
    f.write_text(content, encoding="utf-8")
    result = run("evaluate", "--gold", gold, "--reports", SEEDS)
    assert result.exit_code == 1
    if reason is None:
        assert err(result).startswith(f"govkg: {f}: not a readable JSON file (Expecting property name")
    else:
        assert err(result) == f"govkg: {f}: {reason}"


def test_evaluate_missing_report_exits_1(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "gone.txt.gold.json").write_text(json.dumps({"doc": "gone.txt", "report": {}}), encoding="utf-8")
    reports = tmp_path / "reports"
    reports.mkdir()
    result = run("evaluate", "--gold", gold, "--reports", reports)
    assert result.exit_code == 1
    assert err(result) == f"govkg: {reports / 'gone.txt'}: no such file"


# --------------------------------------------------------------------------- ingest


def test_utf16_without_bom_reads_like_utf8(tmp_path):
    utf16 = tmp_path / SEED.name
    utf16.write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16-le"))
    a, b = run("extract", SEED), run("extract", utf16)
    assert (a.exit_code, b.exit_code) == (0, 0)
    assert a.output == b.output


# --------------------------------------------------------------------------- viz and permissions


def test_viz_types_naming_no_type(store, tmp_path):
    out = tmp_path / "v.html"
    result = run("viz", "--store", store, "-o", out, "--types", ",,")
    assert result.exit_code == 2
    assert err(result).startswith("govkg: --types names no type (types: organization, jurisdiction, ")
    assert not out.exists()


def test_store_without_write_permission(monkeypatch, tmp_path):
    import kg.store

    def refuse(path):
        raise OSError(f"IO error: While open a file for appending: {path}/LOG: Permission denied")

    monkeypatch.setattr(kg.store.ox, "Store", refuse)
    path = tmp_path / "store"
    result = run("build", SEED, "--store", path)
    assert result.exit_code == 1
    assert err(result) == f"govkg: {path}: cannot open the store (permission denied)"
