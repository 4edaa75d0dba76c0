#!/usr/bin/env bash
# Quick start, command 2: set up .venv and run the whole test suite (lint, types, tests).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/browser-tools.sh"
# The DfE validation rules, in their own environment (they pin pandas < 2).
[ -x "$ROOT/.dfe-venv/bin/python" ] || bash "$ROOT/scripts/dfe-validators.sh" >/dev/null
cd "$ROOT"
echo "== ruff (lint)"
.venv/bin/ruff check src tests scripts
echo "== ruff (format)"
.venv/bin/ruff format --check src tests scripts
echo "== mypy --strict"
.venv/bin/mypy
echo "== pytest"
exec .venv/bin/pytest "$@"
