#!/usr/bin/env bash
# Create .dfe-venv: a separate virtual environment holding the DfE validation rules as
# published on PyPI (csc-validator-be-903, csc-validator-be-cin). They pin pandas < 2,
# so they cannot share kpibook's environment; kpibook runs them in a child process
# (kpibook.returns.dfe.runner). Nothing of kpibook's is installed here.
#
# Usage: bash scripts/dfe-validators.sh [VENV_DIR]   (default: .dfe-venv in the repo root)
# Environment: DFE_PYTHON picks the interpreter (default: python3.11, else python3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${1:-$root/.dfe-venv}"
py="${DFE_PYTHON:-}"
if [ -z "$py" ]; then
  if command -v python3.11 >/dev/null 2>&1; then py=python3.11; else py=python3; fi
fi
if [ ! -x "$venv/bin/python" ]; then
  "$py" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet \
  "csc-validator-be-903==0.1.17" \
  "csc-validator-be-cin"
"$venv/bin/python" -c "import lac_validator, cin_validator; print('DfE validators ready:', '$venv')"
