"""Child process of the benchmark: stream one big file and print its peak RSS (MB).

Pass 1 (plan: line repairs, classification, DocStats, block boundaries)
always covers the whole file, since that is where reading it whole would
blow up; pass 2 (cleaning, output to a temporary file) runs chunk by chunk
until the time budget is spent. Memory is bounded per chunk, so the peak is
reached in the first chunks. Prints: peak_MB planned_MB cleaned_MB.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleanup.core.settings import Settings  # noqa: E402
from cleanup.scale import streaming  # noqa: E402


def main(path: Path, budget: float) -> None:
    settings = Settings()
    plan = streaming.plan_file(path, settings)
    start = time.perf_counter()
    cleaned = 0
    with tempfile.TemporaryFile() as out:
        for chunk in plan.chunks:
            part = streaming.clean_chunk(plan.path, plan.scan, plan.markdown, plan.stats, chunk, settings)
            out.write(part.output)
            cleaned += chunk.size
            if time.perf_counter() - start > budget:
                break
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{peak_kb / 1024:.1f} {os.path.getsize(path) / 2**20:.1f} {cleaned / 2**20:.1f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), float(sys.argv[2]))
