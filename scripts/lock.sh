#!/usr/bin/env bash
# Moves constraints.txt forward on purpose: installs the project into a throwaway virtual
# environment with the newest releases that pyproject.toml allows, and writes what it got.
# Review the diff, run `make test` on the new set, and commit both together.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$python" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet --upgrade pip
"$tmp/venv/bin/python" -m pip install --quiet '.[dev]'
{
    sed -n '1,2p' constraints.txt
    "$tmp/venv/bin/python" -m pip freeze --all --exclude loyalty-pos | grep -v -E '^(setuptools|wheel)=='
} > constraints.txt.new
mv constraints.txt.new constraints.txt
git --no-pager diff --stat constraints.txt || true
echo "constraints.txt rewritten; now: rm -f .venv/.installed && make test"
