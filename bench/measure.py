#!/usr/bin/env python3
"""measure.py — runs a command several times; prints its wall time and peak memory.

Prints one markdown table row: | label | runs | mean ms | min ms | max ms | max RSS MiB |.
The peak resident set size comes from wait4(2) of each run, so no other tool is needed
(hyperfine does not report memory). Output of the command is discarded; a run that exits
non-zero fails the measurement.

    bench/measure.py --runs 10 --label "ormc check" -- build/gcc/generator/ormc check x.orm
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(command: list[str]) -> tuple[float, int]:
    """Returns (seconds, max RSS in KiB) of one run of command."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a full pipe would block
        start = time.perf_counter()
        with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors) as process:
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace")
            sys.exit(f"measure.py: {' '.join(command)} exited {process.returncode}:\n{message}")
    return elapsed, usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="timed runs (after one warm-up)")
    parser.add_argument("--label", required=True, help="first column of the row")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- then the command")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")

    run_once(command)  # warm-up: file cache, dynamic loader
    times, rss = [], []
    for _ in range(args.runs):
        seconds, kib = run_once(command)
        times.append(seconds * 1000)
        rss.append(kib)
    print(f"| {args.label} | {args.runs} | {statistics.mean(times):.1f} | {min(times):.1f} "
          f"| {max(times):.1f} | {max(rss) / 1024:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
