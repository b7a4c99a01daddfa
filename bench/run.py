"""``make bench``: throughput, glossary scaling, memory and --jobs speed-up, all on one generated corpus.

Environment: ``BENCH_SIZE_MB`` (corpus, default 50), ``BENCH_BIG_MB`` (the
single file streamed for peak memory, default 1024), ``BENCH_SECONDS``
(time budget of each throughput measurement, default 15: a pass cleans
documents of the corpus in order until the budget is spent, and its
baseline runs over exactly the same documents), ``BENCH_KEEP`` (keep the
temporary folder).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import corpus  # noqa: E402
from cleanup.core.pipeline import Cleaner  # noqa: E402
from cleanup.core.settings import Settings  # noqa: E402

SIZE_MB = float(os.environ.get("BENCH_SIZE_MB", 50))
BIG_MB = float(os.environ.get("BENCH_BIG_MB", 1024))
BUDGET = float(os.environ.get("BENCH_SECONDS", 15))
MB = 2**20


def timed_pass(clean, docs: list[str], budget: float = BUDGET) -> tuple[float, int, int]:
    """Run ``clean`` over ``docs`` in order until ``budget`` seconds: (seconds, bytes, documents)."""
    start = time.perf_counter()
    size = n = 0
    for doc in docs:
        clean(doc)
        size += len(doc.encode())
        n += 1
        if time.perf_counter() - start > budget:
            break
    return time.perf_counter() - start, size, n


def rate(seconds: float, size: int) -> float:
    return size / MB / seconds if seconds else float("inf")


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def read_docs(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="cleanup-bench-"))
    results: list[str] = []
    try:
        t0 = time.perf_counter()
        paths = corpus.build(tmp, SIZE_MB)
        total = sum(p.stat().st_size for k in ("zh", "en") for p in paths[k].glob("*.txt"))
        print(f"corpus: {total / MB:.1f} MB in {tmp} (built in {time.perf_counter() - t0:.0f} s); "
              f"time budget per measurement {BUDGET:.0f} s", flush=True)
        zh_docs, en_docs = read_docs(paths["zh"]), read_docs(paths["en"])

        # -- Chinese pass against OpenCC alone ------------------------------------------
        import opencc

        zh = Cleaner(Settings(select=("ZH",)))
        zh.clean_text(zh_docs[0])
        seconds, size, n = timed_pass(zh.clean_text, zh_docs)
        converter = opencc.OpenCC("tw2s")
        o_seconds, o_size, _ = timed_pass(converter.convert, zh_docs[:n], budget=float("inf"))
        zh_rate, cc_rate = rate(seconds, size), rate(o_seconds, o_size)
        ratio = zh_rate / cc_rate
        results.append(f"Chinese pass        {zh_rate:8.2f} MB/s   OpenCC tw2s alone {cc_rate:8.2f} MB/s   "
                       f"ratio {ratio:.3f} (target >= 0.5)  {verdict(ratio >= 0.5)}   [{size / MB:.1f} MB, {n} docs]")
        print(results[-1], flush=True)

        # -- English pass: 10 vs 10,000 glossary entries vs a re.sub loop --------------------
        en10 = Cleaner(Settings(select=("EN",), glossary=(str(paths["glossary_10"]),)))
        en10k = Cleaner(Settings(select=("EN",), glossary=(str(paths["glossary_10000"]),)))
        for cleaner in (en10, en10k):
            cleaner.clean_text(en_docs[0])
        s10, size10, n10 = timed_pass(en10.clean_text, en_docs)
        s10k, size10k, _ = timed_pass(en10k.clean_text, en_docs[:n10], budget=float("inf"))
        terms = corpus.synthetic_terms(10_000)
        compiled = [(re.compile(r"\b" + re.escape(w) + r"\b", re.IGNORECASE), r) for w, r in terms]

        def resub(text: str) -> str:
            for pattern, right in compiled:
                text = pattern.sub(right, text)
            return text

        rs, rsize, rn = timed_pass(resub, en_docs[:n10], budget=BUDGET)
        r10, r10k, rre = rate(s10, size10), rate(s10k, size10k), rate(rs, rsize)
        slow = r10 / r10k
        speedup = r10k / rre
        results.append(f"English pass        10 entries {r10:8.2f} MB/s   10,000 entries {r10k:8.2f} MB/s   "
                       f"slow-down {slow:.2f}x (target <= 1.5)  {verdict(slow <= 1.5)}   [{size10 / MB:.1f} MB, {n10} docs]")
        print(results[-1], flush=True)
        subset = "" if rn == n10 else f" (timed on the first {rn} of those docs: the loop is slow)"
        results.append(f"re.sub loop         10,000 entries {rre:8.3f} MB/s{subset}   English pass is {speedup:.1f}x faster "
                       f"(target >= 10)  {verdict(speedup >= 10)}")
        print(results[-1], flush=True)

        # -- --jobs 2 against one process, on the same files --------------------------------
        files = sorted(paths["zh"].glob("*.txt"))[: max(2, n // 2)] + sorted(paths["en"].glob("*.txt"))[: max(2, n10 // 2)]
        subset_dir = tmp / "jobs_in"
        for f in files:
            (subset_dir / f.parent.name).mkdir(parents=True, exist_ok=True)
            shutil.copy(f, subset_dir / f.parent.name / f.name)
        mb = sum(f.stat().st_size for f in files) / MB
        times = {}
        for jobs in (1, 2):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "cleanup", "run", str(subset_dir), "--out", str(tmp / f"jobs{jobs}"),
                            "--jobs", str(jobs), "-q", "--glossary", str(paths["glossary_10"])], check=True)
            times[jobs] = time.perf_counter() - start
        same = all((tmp / "jobs1" / f.parent.name / f.name).read_bytes() == (tmp / "jobs2" / f.parent.name / f.name).read_bytes()
                   for f in files)
        results.append(f"--jobs 2            {times[1]:.1f} s -> {times[2]:.1f} s on {mb:.1f} MB ({len(files)} files): "
                       f"speed-up {times[1] / times[2]:.2f}x on {os.cpu_count()} cores; outputs identical: {same}")
        print(results[-1], flush=True)

        # -- peak memory streaming one big file ---------------------------------------------------
        big = corpus.build_big_file(tmp / "big.txt", files, BIG_MB)
        child = subprocess.run([sys.executable, str(Path(__file__).with_name("memory_child.py")), str(big), str(BUDGET * 2)],
                               capture_output=True, text=True, check=True)
        peak_mb, planned, cleaned = child.stdout.split()
        peak = float(peak_mb)
        results.append(f"peak memory         {peak:.0f} MB RSS streaming a {big.stat().st_size / MB:.0f} MB file "
                       f"(planned whole: {float(planned):.0f} MB; cleaned {float(cleaned):.0f} MB within the budget) "
                       f"(target < 300)  {verdict(peak < 300)}")
        print(results[-1], flush=True)
    finally:
        if not os.environ.get("BENCH_KEEP"):
            shutil.rmtree(tmp, ignore_errors=True)
    print("\nsummary (one run, same input):")
    for line in results:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
