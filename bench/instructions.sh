#!/usr/bin/env bash
# instructions.sh — the instructions each path of the workloads benchmark executes, counted by
# callgrind: a measure of the ORM's overhead that does not move with the machine's load, where
# wall-clock ratios do (docs/perf.md, W4). Only the benchmark process is counted: on
# PostgreSQL that is the client's side (libpq, ormc, the program), not the server's.
#
# Usage: bench/instructions.sh BENCH_BINARY sqlite|postgres [ROWS] [--repetitions N] [--only W4]
#        e.g. bench/instructions.sh build/gcc/bench/runtime/ormc_workloads_bench sqlite 1000 \
#               --repetitions 5 --only W4
# Prints, per timed path (wl_bench::orm::* and wl_bench::Raw*::*, untimed chores left out),
# the instructions of one run: callgrind's inclusive count over all runs divided by the
# repetitions (W1 runs as often as the others). PostgreSQL as
# bench/run.sh finds it: libpq's PG* environment when set, else a pg_virtualenv cluster.
set -euo pipefail

[[ $# -ge 2 ]] || { sed -n 7,9p "$0" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "instructions.sh: needs valgrind" >&2; exit 1; }
bench=$(realpath "$1")
backend=$2
shift 2
repetitions=5
args=("$@")
for ((i = 0; i < ${#args[@]}; ++i)); do
  [[ "${args[$i]}" == --repetitions ]] && repetitions=${args[$((i + 1))]}
done
[[ " ${args[*]} " == *" --repetitions "* ]] || args+=(--repetitions "$repetitions")

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run=(valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" "$bench" "$backend"
     "${args[@]}")
if [[ "$backend" == postgres && -z "${PGHOST:-}${PGDATABASE:-}${ORMC_BENCH_POSTGRES_URL:-}" ]]; then
  pg_virtualenv -t "${run[@]}" >"$out/log" 2>&1
else
  "${run[@]}" >"$out/log" 2>&1
fi
callgrind_annotate --inclusive=yes "$out/callgrind.out" |
  sed -nE 's/^ *([0-9,]+) +\( *[0-9.]+%\) +\?\?\?:(wl_bench::(orm::[a-z_]+|Raw[A-Za-z]+::[a-z_]+))\(.*/\1 \2/p' |
  grep -vE '::(exec|reset|analyze|check|fill_[a-z_]+|read_[a-z_]+|step_done|table_outcome|age_sum|load_users|run_prepared|prepare)$' |
  awk -v n="$repetitions" '{ gsub(",", "", $1); printf "%-48s %10.2f M\n", $2, $1 / n / 1e6 }' |
  sort
