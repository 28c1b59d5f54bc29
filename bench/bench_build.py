"""Benchmark `govkg build`: characters per second beside plain ``jieba.lcut`` over the same text.

    .venv/bin/python bench/bench_build.py [--copies 20] [--repeat 3] [--seeds seeds]

Builds the seeds, then a larger corpus made by repeating them (``--copies`` times, with
distinct file names) into a fresh temporary store each repetition; prints the median
throughput of the whole build (ingest, extract, graph, store) and of ``jieba.lcut`` over
the same texts measured in the same run, their ratio, and peak memory (tracemalloc for
Python allocations in one extra traced build, ru_maxrss for the process).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build import build  # noqa: E402
from kg.ingest import load  # noqa: E402
from kg.store import Store  # noqa: E402


def make_corpus(seeds: list[Path], copies: int, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(copies):
        for s in seeds:
            dst = folder / f"copy{i:03d}_{s.name}"
            shutil.copyfile(s, dst)
            out.append(dst)
    return out


def time_build(paths: list[Path], tmp: Path) -> tuple[float, int, int]:
    store_dir = Path(tempfile.mkdtemp(dir=tmp, prefix="store-"))
    store = Store(store_dir)
    t0 = time.perf_counter()
    summary = build(paths, store)
    elapsed = time.perf_counter() - t0
    n = len(store)
    store.close()
    shutil.rmtree(store_dir, ignore_errors=True)
    if summary.skipped:
        raise SystemExit(f"bench: skipped files: {summary.skipped[:3]}")
    return elapsed, summary.characters, n


def time_jieba(texts: list[str]) -> float:
    import jieba

    t0 = time.perf_counter()
    for t in texts:
        jieba.lcut(t)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    seeds = sorted(args.seeds.glob("*.txt"))
    if not seeds:
        raise SystemExit(f"bench: no .txt reports in {args.seeds}")

    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()  # dictionary loading is not part of the throughput

    with tempfile.TemporaryDirectory(prefix="govkg-bench-") as tmpname:
        tmp = Path(tmpname)
        corpus = make_corpus(seeds, args.copies, tmp / "corpus")
        # warm caches (division table, lexicon, regexes) once, outside the timings
        time_build(seeds[:1], tmp)
        print(
            f"{'corpus':<22}{'files':>6}{'chars':>10}{'triples':>9}{'build s':>9}{'chars/s':>10}{'jieba s':>9}{'chars/s':>11}{'ratio':>7}"
        )
        for label, paths in (("seeds", seeds), (f"seeds x{args.copies}", corpus)):
            texts = [load(p).text for p in paths]
            builds, jiebas = [], []
            chars = triples = 0
            for _ in range(args.repeat):
                elapsed, chars, triples = time_build(paths, tmp)
                builds.append(elapsed)
                jiebas.append(time_jieba(texts))
            b, j = statistics.median(builds), statistics.median(jiebas)
            print(
                f"{label:<22}{len(paths):>6}{chars:>10}{triples:>9}{b:>9.3f}{chars / b:>10.0f}"
                f"{j:>9.3f}{chars / j:>11.0f}{b / j:>7.2f}"
            )
        tracemalloc.start()
        time_build(corpus, tmp)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"medians of {args.repeat} runs; ratio = build time / jieba.lcut time over the same text")
    print(f"peak Python memory during a x{args.copies} build (tracemalloc): {peak / 2**20:.1f} MiB")
    print(f"peak resident memory of this process (ru_maxrss): {rss:.1f} MiB")


if __name__ == "__main__":
    main()
