#!/usr/bin/env bash
# Install what the browser tests need, if missing: Debian's Chromium (headless, for
# the scorecard page) and axe-core from the npm registry (accessibility checks).
# Sourced by test.sh; safe to run on its own. Never downloads a browser of its own.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium (Debian package) for the browser tests ..."
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  $SUDO apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium >/dev/null
fi
if [ ! -f .tools/node_modules/axe-core/axe.min.js ]; then
  echo "Installing axe-core (npm) for the accessibility checks ..."
  mkdir -p .tools
  npm install --silent --no-audit --no-fund --prefix .tools axe-core@4 >/dev/null
fi
