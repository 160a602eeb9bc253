#!/usr/bin/env bash
# demo.sh — the README's main job: builds ormc and the blog demo (examples/blog), checks
# schemas/blog.orm, then runs the demo: the blog schema generated into C++ at build time,
# created on SQLite, filled through a Session and queried the SQLAlchemy guides' ways.
#
# Usage: scripts/demo.sh          Environment: JOBS (default 2) build jobs.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
JOBS=${JOBS:-2}

echo "==> installing dependencies"
bash scripts/install-deps.sh

echo "==> building ormc and the blog demo (Release, build/gcc)"
cmake -S . -B build/gcc -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=g++
cmake --build build/gcc -j "$JOBS" --target ormc blog_demo

echo
echo "==> ormc check schemas/blog.orm"
build/gcc/generator/ormc check schemas/blog.orm
echo "(no errors)"

echo
echo "==> blog_demo sqlite:///build/blog_demo.db"
rm -f build/blog_demo.db
build/gcc/examples/blog/blog_demo sqlite:///build/blog_demo.db
