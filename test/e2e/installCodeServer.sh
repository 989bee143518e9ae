#!/usr/bin/env bash
# Installs code-server (VS Code served over HTTP) from the npm registry only, into $CS_DIR.
# Idempotent: a stamp file records a finished install of this version; a second run does nothing.
# Works offline apart from the npm registry (Debian packages come from scripts/installSystemDeps.sh).
set -euo pipefail
CS_DIR=${CS_DIR:?set CS_DIR to the folder to install code-server into}
CS_VERSION=4.96.4   # VS Code 1.96.4; runs on Node 20
STAMP="$CS_DIR/.installed-$CS_VERSION"
BIN="$CS_DIR/node_modules/.bin/code-server"

if [ -f "$STAMP" ] && [ -x "$BIN" ]; then
  exit 0
fi
echo "e2e: installing code-server $CS_VERSION into $CS_DIR (one-off, ~2 min)"

# @vscode/ripgrep's postinstall downloads rg from GitHub; seed its download cache (in os.tmpdir())
# with Debian's rg so it never tries.
RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.9"
mkdir -p "$RG_CACHE/stage"
cp "$(command -v rg)" "$RG_CACHE/stage/rg"
tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$RG_CACHE/stage" rg

mkdir -p "$CS_DIR"
cd "$CS_DIR"
[ -f package.json ] || echo '{"name":"cost-risk-lab-e2e-code-server","private":true}' > package.json
npm install --no-audit --no-fund --ignore-scripts --loglevel=error "code-server@$CS_VERSION"

# lib/vscode's shrinkwrap pins @vscode/proxy-agent to a GitHub git+ssh URL; the same tarball
# (same sha512) is published on the npm registry.
sed -i 's#git+ssh://git@github.com/microsoft/vscode-proxy-agent.git\#0803e0a7d1249bcb64ae9d256d0ee732b7246ea5#https://registry.npmjs.org/@vscode/proxy-agent/-/proxy-agent-0.27.0.tgz#' \
  node_modules/code-server/lib/vscode/npm-shrinkwrap.json

# Run the install scripts now (argon2, code-server's postinstall: npm install inside lib/vscode,
# native modules). postinstall refuses to run as root unless unsafe_perm is set.
npm_config_unsafe_perm=true npm rebuild --foreground-scripts --loglevel=error > "$CS_DIR/rebuild.log" 2>&1 \
  || { tail -40 "$CS_DIR/rebuild.log"; echo "e2e: code-server install failed (log: $CS_DIR/rebuild.log)"; exit 1; }

# --version writes a default config into XDG_CONFIG_HOME: keep it inside $CS_DIR
XDG_CONFIG_HOME="$CS_DIR/.xdg-config" XDG_DATA_HOME="$CS_DIR/.xdg-data" "$BIN" --version
touch "$STAMP"
