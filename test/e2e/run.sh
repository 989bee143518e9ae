#!/usr/bin/env bash
# `npm run test:e2e`: the extension in a real VS Code (code-server), driven by headless Chromium.
# Installs what it needs (Debian packages, npm dev dependencies, code-server under .cache/), builds
# and packages the extension with vsce, installs the .vsix into a private extensions folder, and
# runs every scenario in test/e2e/scenarios/ against a temporary workspace of real eval logs.
# Usage: npm run test:e2e [-- <scenario name filter>]
#   E2E_UPDATE_SCREENSHOTS=1 also refreshes media/screenshots/; E2E_VSIX=<file> tests that .vsix instead of building one.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
START=$(date +%s)
step() { echo "e2e: $* [$(($(date +%s) - START)) s]"; }

bash scripts/installSystemDeps.sh
# npm ci when the dev tools are missing, or the lock file changed since the last install (npm leaves
# node_modules/.package-lock.json behind: a checkout with a new dependency would not build otherwise).
if [ ! -x node_modules/.bin/vsce ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/tsx ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "installing npm dependencies"
  npm ci --no-audit --no-fund
fi
export CS_DIR="$ROOT/.cache/code-server"
bash test/e2e/installCodeServer.sh
CODE_SERVER_BIN="$CS_DIR/node_modules/.bin/code-server"

if [ -n "${E2E_VSIX:-}" ]; then
  VSIX=$(cd "$(dirname "$E2E_VSIX")" && pwd)/$(basename "$E2E_VSIX")   # test a .vsix built elsewhere
else
  step "building and packaging the extension"
  npm run --silent package > /dev/null
  VSIX="$ROOT/dist/cost-risk-lab.vsix"
fi
[ -f "$VSIX" ] || { echo "e2e: npm run package did not produce $VSIX"; exit 1; }

# Everything of this run (the .vsix, extensions, user data, HOME, XDG dirs, workspace) lives in one
# scratch folder, removed at the end.
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/cost-risk-lab-e2e.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
cp "$VSIX" "$SCRATCH/cost-risk-lab.vsix" && VSIX="$SCRATCH/cost-risk-lab.vsix"
export E2E_SCRATCH="$SCRATCH" E2E_EXT_DIR="$SCRATCH/extensions" CODE_SERVER_BIN
step "installing $(basename "$VSIX") into a private code-server"
HOME="$SCRATCH/home" XDG_CONFIG_HOME="$SCRATCH/xdg/config" XDG_DATA_HOME="$SCRATCH/xdg/data" \
  "$CODE_SERVER_BIN" --extensions-dir "$E2E_EXT_DIR" --user-data-dir "$SCRATCH/install-user-data" --install-extension "$VSIX" > "$SCRATCH/install.log" 2>&1 \
  || { cat "$SCRATCH/install.log"; exit 1; }

step "running the scenarios"
# the suite's last line is "N passed, N failed"; its exit status is the script's
E2E_FILTER="${1:-${E2E_FILTER:-}}" E2E_STARTED="$START" node --import tsx test/e2e/suite.ts
