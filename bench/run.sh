#!/usr/bin/env bash
# run.sh — times ormc on large generated schemas, or the runtime against raw sqlite3 /
# raw libpq; prints markdown tables for docs/perf.md.
#
# Usage: bench/run.sh [MODELS...]        default: 1000 (models per generated schema)
#        bench/run.sh sqlite [ROWS]      ORM vs raw sqlite3 (bench/runtime/sqlite_bench.cpp)
#        bench/run.sh postgres [ROWS]    ORM vs raw libpq (bench/runtime/postgres_bench.cpp):
#                                        against ORMC_BENCH_POSTGRES_URL, else libpq's PG*
#                                        environment, else a throw-away cluster (pg_virtualenv)
#        bench/run.sh workloads [ROWS] [--repetitions N]
#                                        the workloads W1-W8 (users/posts/comments), ORM vs raw sqlite3
#                                        and raw libpq, both backends (bench/runtime/workloads/);
#                                        ROWS 100000, N 5; PostgreSQL as for `postgres`
# Environment: RUNS (default 10) timed runs per command; JOBS (default 2) build jobs;
# BUILD_DIR (default build/gcc) the Release build directory.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS=${RUNS:-10}
JOBS=${JOBS:-2}
BUILD_DIR=${BUILD_DIR:-build/gcc}

# Runs "$@" against PostgreSQL: ORMC_BENCH_POSTGRES_URL or libpq's PG* environment when set,
# else a throw-away cluster made by pg_virtualenv (-t: in a temporary directory even as root,
# where the fixed cluster name "regress" would collide with any other pg_virtualenv running).
with_postgres() {
  if [[ -n "${ORMC_BENCH_POSTGRES_URL:-}${PGHOST:-}${PGDATABASE:-}" ]]; then
    "$@"
  else
    command -v pg_virtualenv >/dev/null ||
      { echo "run.sh: no server and no pg_virtualenv (apt-get install postgresql)" >&2; exit 1; }
    # shellcheck disable=SC2016  # expanded by the inner shell
    pg_virtualenv -t -v "${PG_VERSION:-15}" bash -c \
      'echo "PostgreSQL $(psql -Atc "SHOW server_version") at ${PGHOST:-the unix socket}:${PGPORT:-5432} (a pg_virtualenv cluster)."; "$0" "$@"' \
      "$@"
  fi
}

# The workloads W1-W6 on both backends: one build, one table per backend.
if [[ "${1:-}" == workloads ]]; then
  target=ormc_workloads_bench
  echo "==> building $target (Release, $BUILD_DIR)" >&2
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=g++ \
    -DORMC_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$BUILD_DIR" -j "$JOBS" --target "$target" >/dev/null
  bench=$(find "$BUILD_DIR" -type f -name "$target" -perm -u+x -not -path '*/CMakeFiles/*' \
    -print -quit)
  [[ -n "$bench" ]] || { echo "run.sh: the build produced no $target" >&2; exit 1; }
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo '(no commit)')
  [[ -z "$(git status --porcelain 2>/dev/null)" ]] || commit+=" with uncommitted changes"
  echo "ormc $commit, Release build with $(g++ --version | head -1); $cpu, $(nproc) cores;"
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg);" \
    "\`bench/run.sh ${*}\`."
  echo
  "$bench" sqlite "${@:2}"
  with_postgres "$bench" postgres "${@:2}"
  exit 0
fi

# The runtime benchmarks: build the one asked for (Release) and run it.
if [[ "${1:-}" == sqlite || "${1:-}" == postgres ]]; then
  target=ormc_pg_bench
  [[ "$1" == sqlite ]] && target=ormc_sqlite_bench
  echo "==> building $target (Release, $BUILD_DIR)" >&2
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=g++ \
    -DORMC_BUILD_BENCHMARKS=ON >/dev/null
  cmake --build "$BUILD_DIR" -j "$JOBS" --target "$target" >/dev/null
  bench=$(find "$BUILD_DIR" -type f -name "$target" -perm -u+x -not -path '*/CMakeFiles/*' \
    -print -quit)
  [[ -n "$bench" ]] || { echo "run.sh: the build produced no $target" >&2; exit 1; }
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo '(no commit)')
  [[ -z "$(git status --porcelain 2>/dev/null)" ]] || commit+=" with uncommitted changes"
  echo "ormc $commit, Release build with $(g++ --version | head -1); $cpu, $(nproc) cores."
  if [[ "$1" == sqlite ]]; then
    "$bench" "${@:2}"
  else
    with_postgres "$bench" "${@:2}"
  fi
  exit 0
fi

sizes=("$@")
((${#sizes[@]} > 0)) || sizes=(1000)

echo "==> building ormc (Release, $BUILD_DIR)" >&2
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=g++ >/dev/null
cmake --build "$BUILD_DIR" -j "$JOBS" --target ormc >/dev/null
ormc=$(find "$BUILD_DIR" -type f -name ormc -perm -u+x -not -path '*/CMakeFiles/*' -print -quit)
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
