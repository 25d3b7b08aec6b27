#!/usr/bin/env bash
# Prints one hash over the project files the bundles were built from: the files listed in
# LIST (one path a line, relative to the repo root; pack.sh takes them from esbuild's
# metafile) plus package-lock.json. pack.sh stores it in /tmp/app/source.hash, setup.sh
# compares it with the tree it runs in, so a stale bundle is caught before a long run.
# Usage (from anywhere): bash scripts/device/source-hash.sh LIST
set -euo pipefail
list="$(realpath "$1")"
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
{ cat "$list"; echo package-lock.json; } | LC_ALL=C sort -u | while IFS= read -r f; do
  if [ -f "$f" ]; then sha256sum -- "$f"; else echo "missing  $f"; fi
done | sha256sum | cut -c1-16
