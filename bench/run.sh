#!/usr/bin/env bash
# run.sh — times ormc on large generated schemas; prints a markdown table for docs/perf.md.
#
# Usage: bench/run.sh [MODELS...]     default: 1000 (models per generated schema)
# Environment: RUNS (default 10) timed runs per command; JOBS (default 2) build jobs.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS=${RUNS:-10}
JOBS=${JOBS:-2}
sizes=("$@")
((${#sizes[@]} > 0)) || sizes=(1000)

echo "==> building ormc (Release, build/gcc)" >&2
cmake -S . -B build/gcc -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=g++ >/dev/null
cmake --build build/gcc -j "$JOBS" --target ormc >/dev/null
ormc=$(find build/gcc -type f -name ormc -perm -u+x -not -path '*/CMakeFiles/*' -print -quit)
[[ -n "$ormc" ]] || { echo "run.sh: the build produced no ormc executable" >&2; exit 1; }

mkdir -p build/bench
rows=()
for n in "${sizes[@]}"; do
  schema=build/bench/schema_$n.orm
  python3 bench/gen_schema.py --models "$n" --output "$schema"
  size="$n models, $(wc -l <"$schema") lines, $(($(wc -c <"$schema") / 1024)) KiB"
  echo "==> $schema: $size" >&2
  rows+=("$(python3 bench/measure.py --runs "$RUNS" --label "\`ormc check\` ($size)" \
    -- "$ormc" check "$schema")")
  rows+=("$(python3 bench/measure.py --runs "$RUNS" --label "\`ormc fmt --stdout\` ($size)" \
    -- "$ormc" fmt --stdout "$schema")")
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
echo
echo "ormc $(git rev-parse --short HEAD 2>/dev/null || echo '(no commit)'), Release build with" \
  "$(g++ --version | head -1); $cpu, $(nproc) cores; mean of $RUNS runs after one warm-up."
echo
echo "| command | runs | mean ms | min ms | max ms | max RSS MiB |"
echo "|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
