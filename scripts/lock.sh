#!/usr/bin/env bash
# Regenerate requirements.txt (runtime) and requirements-dev.txt (tests and tools) with
# exact pins, from the ranges in pyproject.toml and the tool list below.
set -euo pipefail
python="${1:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dev_tools="pytest pytest-xdist nbval playwright axe-playwright-python ruff mypy types-PyYAML types-Markdown"

"$python" -m venv "$work/rt"
"$work/rt/bin/pip" install --quiet .
{ echo "# Runtime dependencies, pinned (the whole tree). Regenerate with 'make lock'."
  "$work/rt/bin/pip" freeze --exclude-editable | grep -v -i -E "^(pip|setuptools|harm-repair-curriculum)(==| @)" ; } > requirements.txt

"$python" -m venv "$work/dev"
"$work/dev/bin/pip" install --quiet -r requirements.txt $dev_tools
{ echo "# Test and development dependencies, pinned, on top of requirements.txt."
  echo "-r requirements.txt"
  comm -13 <("$work/rt/bin/pip" freeze | sort -f) <("$work/dev/bin/pip" freeze | sort -f) \
    | grep -v -i -E "^(pip|setuptools)==" ; } > requirements-dev.txt
echo "Pins written to requirements.txt and requirements-dev.txt; run 'make test' before committing."
