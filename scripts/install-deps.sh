#!/usr/bin/env bash
# install-deps.sh — installs every Debian 12 package ormc needs to build, test and fuzz.
#
# Idempotent: when everything is already installed it only checks and returns, without
# touching the network. Runs as root (CI, containers) or through sudo when available.
set -euo pipefail

PACKAGES=(
  # build
  cmake ninja-build g++ clang python3 pkg-config
  # the grammar: the ANTLR tool generates C++ that builds against the 4.9 runtime
  antlr4 libantlr4-runtime-dev
  # libraries
  libfmt-dev libpq-dev libsqlite3-dev
  # tests: doctest, a throw-away PostgreSQL server (pg_virtualenv), libFuzzer and sanitizers
  doctest-dev postgresql libclang-rt-14-dev
  # style checks; clang-tidy 14 by name: .clang-tidy and its NOLINTs are written for it
  clang-format clang-tidy-14
)

is_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  is_installed "$pkg" || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

if ((EUID == 0)); then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-deps: missing packages (${missing[*]}) and not root; run as root" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq -o Dpkg::Use-Pty=0 "${missing[@]}" >/dev/null

# apt-get can succeed while leaving a package unconfigured; check what we asked for.
still_missing=()
for pkg in "${missing[@]}"; do
  is_installed "$pkg" || still_missing+=("$pkg")
done
if ((${#still_missing[@]} != 0)); then
  echo "install-deps: failed to install: ${still_missing[*]}" >&2
  exit 1
fi
echo "install-deps: done"
