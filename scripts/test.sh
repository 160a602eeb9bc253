#!/usr/bin/env bash
# test.sh — runs every test of ormc; the command CI runs (through .ci/run).
#
# Stages, stopping at the first failure:
#   a  g++ Release build (build/gcc) and its ctest suites, with a throw-away PostgreSQL
#   a2 clang-tidy, warnings as errors, over every source file of generator/ and runtime/
#      (about 8 minutes on two idle cores; build/gcc's compile database)
#   b  clang++ build with AddressSanitizer + UBSan (build/asan) and its ctest suites
#   b2 clang++ ThreadSanitizer build of the pool tests and the PostgreSQL fault tests (build/tsan)
#   c  libFuzzer build (build/fuzz); fuzz_parse_check then fuzz_generate, 30 s each, seeded
#      with the example schemas and the golden cases
#   d  clang-format --dry-run --Werror over our C++ sources
#   e  `ormc check` and `ormc fmt --check` on schemas/*.orm
#
# Usage: scripts/test.sh [--quick]     --quick skips a2, b, b2 and c (the slow ones).
# Environment: JOBS (default 2) build jobs; FUZZ_SECONDS (default 60, split between the
#              two fuzz targets);
#              CTEST_PARALLEL_LEVEL is honoured by ctest itself.
set -Eeuo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    -h | --help)
      sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "test.sh: unknown argument '$arg' (try --help)" >&2
      exit 2
      ;;
  esac
done

JOBS=${JOBS:-2}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}

current_stage=""
stage_start=0
script_start=$SECONDS

begin_stage() {
  current_stage=$1
  stage_start=$SECONDS
  printf '\n==================== [%s] ====================\n' "$current_stage"
}

end_stage() {
  printf -- '-------------------- [%s] passed in %ds\n' "$current_stage" $((SECONDS - stage_start))
  current_stage=""
}

on_error() {
  local status=$?
  # Subshells inherit the trap (set -E); report once, from the script itself.
  if [[ -n "$current_stage" && "$BASHPID" == "$$" ]]; then
    printf '\n!!!!!!!!!!!!!!!!!!!! [%s] FAILED after %ds (exit %d)\n' \
      "$current_stage" $((SECONDS - stage_start)) "$status" >&2
  fi
  exit "$status"
}
trap on_error ERR

# configure DIR ARGS... — configures a Ninja build tree of the repository in DIR.
configure() {
  local dir=$1
  shift
  cmake -S "$ROOT" -B "$dir" -G Ninja "$@"
}

# find_ormc DIR — prints the path of the ormc executable built in DIR.
find_ormc() {
  local exe
  exe=$(find "$1" -type f -name ormc -perm -u+x -not -path '*/CMakeFiles/*' -print -quit)
  if [[ -z "$exe" ]]; then
    echo "test.sh: no ormc executable under $1" >&2
    return 1
  fi
  echo "$exe"
}

begin_stage "install dependencies"
bash scripts/install-deps.sh
end_stage

# ---------------------------------------------------------------- a: g++ Release
begin_stage "a: g++ Release build + ctest (build/gcc)"
configure build/gcc -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=g++ \
  -DORMC_BUILD_TESTS=ON -DORMC_BUILD_FUZZERS=OFF -DORMC_SANITIZE=
cmake --build build/gcc -j "$JOBS"
# pg_virtualenv (postgresql-common) runs ctest with a throw-away PostgreSQL cluster and the
# PG* variables set. CI=true: a database test that finds no server fails instead of skipping
# (this command always starts one, so a skip here could only hide a broken set-up). -t keeps
# the cluster in a temporary directory (not /etc/postgresql) even as root, so concurrent runs
# do not collide. The postgres-fault: tests restart that cluster (pg_ctlcluster $PGVERSION
# regress stop -m fast, then start, found from pg_virtualenv's environment;
# ORMC_TEST_PG_RESTART overrides it) and run alone (RUN_SERIAL).
CI=true pg_virtualenv -t ctest --test-dir build/gcc --output-on-failure
end_stage

if ((quick == 0)); then
  # -------------------------------------------------------------- a2: clang-tidy
  # The checked-in .clang-tidy over every .cpp of generator/ and runtime/src/, headers
  # through its HeaderFilterRegex, with the flags of stage a's compile database (that build
  # generated the ANTLR parser the generator includes); any finding fails the stage.
  # -Wno-unknown-warning-option: the database holds g++'s flags. runtime/src/no_postgres/ is
  # compiled only with ORMC_WITH_POSTGRESQL=OFF, so clang-tidy takes a neighbour's flags for
  # it. xargs, not run-clang-tidy-14: that has no -warnings-as-errors. xargs fails (123)
  # when any clang-tidy does.
  begin_stage "a2: clang-tidy over generator/ and runtime/ (build/gcc's compile database)"
  find generator runtime/src -type f -name '*.cpp' -print0 | sort -z |
    xargs -0 -n 1 -P "$JOBS" clang-tidy-14 -p build/gcc -quiet --warnings-as-errors='*' \
      --extra-arg=-Wno-unknown-warning-option
  end_stage

  # -------------------------------------------------------------- b: sanitizers
  # Debug keeps ormc's own asserts on; the sanitizers make any report fatal.
  begin_stage "b: clang++ ASan+UBSan build + ctest (build/asan)"
  configure build/asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
    -DORMC_BUILD_TESTS=ON -DORMC_BUILD_FUZZERS=OFF -DORMC_SANITIZE=address,undefined
  cmake --build build/asan -j "$JOBS"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    CI=true pg_virtualenv -t ctest --test-dir build/asan --output-on-failure
  end_stage

  # -------------------------------------------------------------- b2: ThreadSanitizer
  # The connection pool under 16 threads (tests/pool, SQLite) and under 8 threads on a real
  # PostgreSQL server with its faults (postgres-fault:), built with TSan; any report fails it.
  begin_stage "b2: clang++ ThreadSanitizer build + pool and PostgreSQL fault tests (build/tsan)"
  configure build/tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DORMC_BUILD_TESTS=ON -DORMC_BUILD_FUZZERS=OFF -DORMC_BUILD_EXAMPLES=OFF \
    -DORMC_BUILD_BENCHMARKS=OFF -DORMC_SANITIZE=thread
  cmake --build build/tsan -j "$JOBS" --target ormc_pool_tests ormc_postgres_fault_tests
  TSAN_OPTIONS=halt_on_error=1 CI=true pg_virtualenv -t \
    ctest --test-dir build/tsan -R '^(pool|postgres-fault):' --output-on-failure
  end_stage

  # -------------------------------------------------------------- c: fuzzing
  # RelWithDebInfo without NDEBUG: optimised enough to fuzz fast, asserts still fire.
  # tests/fuzz/CMakeLists.txt adds -fsanitize=fuzzer-no-link to the libraries it links.
  begin_stage "c: libFuzzer fuzz_parse_check + fuzz_generate for ${FUZZ_SECONDS}s in all (build/fuzz)"
  configure build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
    -DCMAKE_CXX_COMPILER=clang++ -DORMC_BUILD_TESTS=OFF -DORMC_BUILD_FUZZERS=ON \
    -DORMC_SANITIZE=address,undefined
  cmake --build build/fuzz -j "$JOBS" --target fuzz_parse_check fuzz_generate
  artifacts=build/fuzz/artifacts
  mkdir -p "$artifacts"
  dict=()
  [[ -f tests/fuzz/orm.dict ]] && dict=(-dict=tests/fuzz/orm.dict)
  for target in fuzz_parse_check fuzz_generate; do
    fuzzer=$(find build/fuzz -type f -name "$target" -perm -u+x -not -path '*/CMakeFiles/*' -print -quit)
    [[ -n "$fuzzer" ]] || { echo "test.sh: $target was not built" >&2; false; }
    # The seed corpus is a scratch copy: libFuzzer adds the inputs it finds to it. The
    # special files the golden test makes (a FIFO, a sparse 16 MiB file) are no seeds.
    corpus=$(mktemp -d "${TMPDIR:-/tmp}/ormc-fuzz-corpus.XXXXXX")
    n=0
    while IFS= read -r -d '' seed; do
      n=$((n + 1))
      cp "$seed" "$corpus/seed-$n-$(basename "$seed")"
    done < <(find schemas tests -path tests/golden/files/special -prune -o -type f \
      \( -name '*.orm' -o -path 'tests/fuzz/corpus/*' \) -print0 2>/dev/null)
    echo "fuzz: $target, $n seed inputs in $corpus"
    if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
      UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "$fuzzer" "${dict[@]}" -max_total_time="$((FUZZ_SECONDS / 2))" -timeout=10 -rss_limit_mb=4096 \
      -print_final_stats=1 -artifact_prefix="$artifacts/$target-" "$corpus"; then
      echo "fuzz: crash; the input is in $artifacts/ (reproduce: $fuzzer $artifacts/<file>)" >&2
      rm -rf "$corpus"
      false
    fi
    rm -rf "$corpus"
  done
  end_stage
fi

# ---------------------------------------------------------------- d: clang-format
begin_stage "d: clang-format --dry-run --Werror"
dirs=()
for d in generator runtime tests bench examples; do [[ -d "$d" ]] && dirs+=("$d"); done
sources=()
while IFS= read -r -d '' f; do sources+=("$f"); done < <(
  find "${dirs[@]}" \( -type d -name 'build*' -prune \) -o \
    -type f \( -name '*.cpp' -o -name '*.hpp' \) -print0 | sort -z)
echo "clang-format: ${#sources[@]} files"
if ((${#sources[@]} > 0)); then
  clang-format --dry-run --Werror "${sources[@]}"
fi
end_stage

# ---------------------------------------------------------------- e: the example schemas
begin_stage "e: ormc check + ormc fmt --check on schemas/*.orm"
ormc=$(find_ormc build/gcc)
shopt -s nullglob
schemas=(schemas/*.orm)
shopt -u nullglob
if ((${#schemas[@]} == 0)); then
  echo "test.sh: no schemas/*.orm to check" >&2
  false
fi
echo "+ ormc check ${schemas[*]}"
"$ormc" check "${schemas[@]}"
echo "+ ormc fmt --check ${schemas[*]}"
"$ormc" fmt --check "${schemas[@]}"
end_stage

skipped=""
((quick == 0)) || skipped=" (--quick: stages a2, b, b2 and c skipped)"
printf '\nAll stages passed in %ds%s.\n' $((SECONDS - script_start)) "$skipped"
