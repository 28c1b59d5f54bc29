import json

from click.testing import CliRunner

from kg.cli import main
from kg.extraction import extract_files, render
from kg.schema import check_offsets, validation_errors

from .conftest import SEEDS


def test_every_seed_extraction_validates_and_offsets_are_exact(seed_extractions):
    assert len(seed_extractions) == 5
    for name, ex in seed_extractions.items():
        obj = ex.to_json()
        assert validation_errors(obj) == [], name
        assert check_offsets(obj, ex.doc.text) == [], name
        assert obj["doc"] == name


def test_render_json_and_jsonl(seed_paths):
    results, problems = extract_files(seed_paths[:2])
    assert problems == []
    lines = render(results, "jsonl").splitlines()
    assert [json.loads(line)["doc"] for line in lines] == [p.name for p in seed_paths[:2]]
    one = json.loads(render(results[:1], "json"))
    assert one["doc"] == seed_paths[0].name


def test_cli_extract_one_file_prints_gold_shaped_object():
    result = CliRunner().invoke(main, ["extract", str(SEEDS / "000_2515ae68359f4538.txt")])
    assert result.exit_code == 0, result.output
    obj = json.loads(result.output)
    assert obj["report"]["adcode"] == "110105"
    assert obj["report"]["year"] == 2023
    assert validation_errors(obj) == []


def test_cli_extract_bad_file_is_named_and_others_still_extracted(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        main, ["extract", str(SEEDS / "001_2c5551b2a5a5f784.txt"), str(empty), "--format", "jsonl", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"govkg: {empty}: empty file"]
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["doc"] for line in lines] == ["001_2c5551b2a5a5f784.txt"]


def test_cli_extract_ttl_is_isomorphic_to_the_built_named_graph(tmp_path):
    import pyoxigraph as ox
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from kg.graph import graph_iri, report_key
    from kg.store import Store

    seed = SEEDS / "002_b7cffffbc446fd03.txt"
    store_dir = tmp_path / "store"
    runner = CliRunner()
    built = runner.invoke(main, ["build", str(seed), "--store", str(store_dir)])
    assert built.exit_code == 0, built.output
    extracted = runner.invoke(main, ["extract", str(seed), "--format", "ttl"])
    assert extracted.exit_code == 0, extracted.output
    printed = Graph().parse(data=extracted.output, format="turtle")

    stored = Graph()
    with Store(store_dir, read_only=True) as store:
        name = ox.NamedNode(str(graph_iri(report_key(seed.name))))
        nt = "".join(
            f"{ox.Triple(q.subject, q.predicate, q.object)} .\n"
            for q in store.db.quads_for_pattern(None, None, None, name)
        )
    stored.parse(data=nt, format="nt")
    assert len(printed) == len(stored) > 100
    assert isomorphic(printed, stored)
