#!/usr/bin/env bash
# Regenerate constraints.txt: exact versions of every package `make lab`, `make test`
# and CI install, resolved for every Python from 3.10 up (markers where they differ).
# Run it when you change dependencies in pyproject.toml, then run `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
tool=$(mktemp -d)
trap 'rm -rf "$tool"' EXIT
python3 -m venv "$tool"
"$tool/bin/pip" install -q uv
"$tool/bin/uv" pip compile pyproject.toml --extra lab --extra test --extra site --universal --python-version 3.10 \
    --no-header --no-annotate -q -o constraints.txt
{ echo "# Exact versions known to pass CI. Made by scripts/pin_constraints.sh; do not edit by hand."; cat constraints.txt; } > constraints.tmp
mv constraints.tmp constraints.txt
echo "wrote constraints.txt ($(grep -vc '^#' constraints.txt) pins)"
