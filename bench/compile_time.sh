#!/usr/bin/env bash
# bench/compile_time.sh — the compile-time table of docs/perf.md: user CPU and peak RSS of
# g++ -std=c++20 -O2 -c on the translation units a program built on ormc has, for a schema
# of 10 and of 100 models (bench/gen_schema.py), median of RUNS runs each.
#
#   bench/compile_time.sh [--ormc PATH] [--runtime-include DIR] [--runs N] [--cxx CXX]
#                         [--sizes "10 100"]
#
# Defaults: build/gcc/generator/ormc, runtime/include, 3 runs, g++, 10 and 100 models. Pass another ormc and
# its runtime's headers to measure another commit (`git worktree add`, build its ormc).
# Prints a Markdown table: one row per translation unit and schema size.
#   header        #include "s.orm.hpp" alone
#   + session     the same, plus #include <ormc/session.hpp>, nothing used
#   session use   the README's Session use on 3 models: add, commit,
#                 query().where().order_by().limit().all(), get
#   core queries  select / insert / update / delete_from on 3 models through a Connection
#   .orm.cpp      the generated source (DDL, Session instantiations), when ormc writes one
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
ormc="$root/build/gcc/generator/ormc"
include="$root/runtime/include"
runs=3
cxx=g++
sizes="10 100"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --ormc) ormc=$2; shift 2 ;;
    --runtime-include) include=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --cxx) cxx=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    *)
      echo "usage: $0 [--ormc PATH] [--runtime-include DIR] [--runs N] [--cxx CXX] [--sizes LIST]" >&2
      exit 2
      ;;
  esac
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The median of the runs' user seconds and peak RSS (MB) of one compile.
measure() {
  local source=$1 times=() rss=() i
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f '%U %M' -o "$work/time" \
      "$cxx" -std=c++20 -O2 -c -I "$include" -I "$work/gen" "$source" -o "$work/out.o"
    read -r user kb <"$work/time"
    times+=("$user")
    rss+=("$((kb / 1024))")
  done
  local t m
  t=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
  m=$(printf '%s\n' "${rss[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
  echo "$t s | $m MB"
}

declare -A cells
for n in $sizes; do
  rm -rf "$work/gen" && mkdir -p "$work/gen"
  python3 "$here/gen_schema.py" -n "$n" -o "$work/s.orm"
  "$ormc" generate --out "$work/gen" "$work/s.orm"

  printf '#include "s.orm.hpp"\n' >"$work/header.cpp"
  printf '#include <ormc/session.hpp>\n#include "s.orm.hpp"\n' >"$work/session.cpp"
  cat >"$work/use.cpp" <<'CPP'
#include <ormc/session.hpp>
#include "s.orm.hpp"

// The README's use of the Session, on three models.
template <typename M, typename Table>
void use(ormc::Session& session, M object, const Table&) {
  M& added = session.add(std::move(object));
  session.commit();
  for (M& row : session.query<M>()
                    .where(Table::rank > 25 && Table::code.like("a%"))
                    .order_by(Table::id.desc())
                    .limit(10)
                    .all()) {
    (void)row;
  }
  (void)session.get<M>(added.id);
}

struct E0 { static constexpr const auto& id = bench::entity0000::id;
            static constexpr const auto& rank = bench::entity0000::rank;
            static constexpr const auto& code = bench::entity0000::code; };
struct E1 { static constexpr const auto& id = bench::entity0001::id;
            static constexpr const auto& rank = bench::entity0001::rank;
            static constexpr const auto& code = bench::entity0001::code; };
struct E2 { static constexpr const auto& id = bench::entity0002::id;
            static constexpr const auto& rank = bench::entity0002::rank;
            static constexpr const auto& code = bench::entity0002::code; };

void run(ormc::Engine& engine) {
  ormc::Session session(engine);
  use(session, bench::Entity0000{.code = "a"}, E0{});
  use(session, bench::Entity0001{.code = "b"}, E1{});
  use(session, bench::Entity0002{.code = "c"}, E2{});
}
CPP
  cat >"$work/core.cpp" <<'CPP'
#include <ormc/connection.hpp>
#include <ormc/query.hpp>
#include "s.orm.hpp"

// A few Core statements on three models.
void run(ormc::Connection& conn) {
  namespace e0 = bench::entity0000;
  namespace e1 = bench::entity0001;
  namespace e2 = bench::entity0002;
  (void)ormc::select<bench::Entity0000>().where(e0::rank > 3).order_by(e0::id).all(conn);
  (void)ormc::select(e1::code, ormc::count(e1::id)).group_by(e1::code).all(conn);
  (void)ormc::insert<bench::Entity0002>().values(bench::Entity0002{.code = "x"}).execute(conn);
  (void)ormc::update<bench::Entity0001>().set(e1::rank, 4).where(e1::id == 1).execute(conn);
  (void)ormc::delete_from<bench::Entity0002>().where(e2::code == "x").execute(conn);
}
CPP
  cells["header,$n"]=$(measure "$work/header.cpp")
  cells["session,$n"]=$(measure "$work/session.cpp")
  cells["use,$n"]=$(measure "$work/use.cpp")
  cells["core,$n"]=$(measure "$work/core.cpp")
  if [[ -f "$work/gen/s.orm.cpp" ]]; then
    cells["cpp,$n"]=$(measure "$work/gen/s.orm.cpp")
  else
    cells["cpp,$n"]="(none) | (none)"
  fi
done
header="| translation unit |" rule="|---|"
for n in $sizes; do header+=" $n models: user CPU | peak RSS |" rule+="---|---|"; done
echo "$header"
echo "$rule"
row() {
  local line="| $1 |" n
  for n in $sizes; do line+=" ${cells[$2,$n]} |"; done
  echo "$line"
}
row 'the header alone' header
row 'header + `<ormc/session.hpp>`, nothing used' session
row 'Session on 3 models (README use)' use
row 'Core queries on 3 models' core
row 'the generated `.orm.cpp`' cpp
