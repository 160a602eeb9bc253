#!/usr/bin/env bash
# demo.sh — the main job: builds ormc (Release, build/gcc) and runs it on the blog schema:
# its diagnostics (`ormc check`) and its entity-relationship diagram (`ormc graph`).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

JOBS=${JOBS:-2}

echo "==> installing dependencies"
bash scripts/install-deps.sh

echo "==> building ormc (Release, build/gcc)"
cmake -S . -B build/gcc -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=g++
cmake --build build/gcc -j "$JOBS" --target ormc
ormc=$(find build/gcc -type f -name ormc -perm -u+x -not -path '*/CMakeFiles/*' -print -quit)
if [[ -z "$ormc" ]]; then
  echo "demo.sh: the build produced no ormc executable" >&2
  exit 1
fi

echo
echo "==> $ormc check schemas/blog.orm"
"$ormc" check schemas/blog.orm
echo "(ormc check: exit 0, no errors)"

echo
echo "==> $ormc graph --format mermaid schemas/blog.orm"
"$ormc" graph --format mermaid schemas/blog.orm
