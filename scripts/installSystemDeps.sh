#!/usr/bin/env bash
# Debian packages the tests need: Chromium (end-to-end tests), its headless shell (webview tests), ripgrep and Kerberos headers
# (code-server's install). Idempotent: does nothing when all are present. Needs root (as in CI) or sudo.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
# the webview tests' browser: Chromium's old headless mode, half the CPU of `chromium --headless`
command -v chromium-headless-shell >/dev/null || need+=(chromium-headless-shell)
command -v rg >/dev/null || need+=(ripgrep)
[ -e /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
# code-server's native modules (argon2, node-pty, spdlog, kerberos) are compiled by node-gyp
command -v make >/dev/null || need+=(make)
command -v g++ >/dev/null || need+=(g++)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing Debian packages: ${need[*]}"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "installSystemDeps: not root and no sudo; install these Debian packages: ${need[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
