#!/usr/bin/env bash
# Quick start, command 1: set up .venv and run the demo end to end.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
exec .venv/bin/kpibook demo "$@"
