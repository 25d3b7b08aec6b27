#!/usr/bin/env bash
# Runs on the lent NVIDIA machine, from the repo root: bash scripts/device/setup.sh
# Unpacks whatever this call carried (see scripts/device/pack.sh and README.md):
#   .gl/*.deb                  → / (Vulkan loader, GL vendor libraries), then ldconfig
#   .device/node.xz            → /tmp/app/node
#   .device/app.tar.xz         → /tmp/app (train-full.mjs, bench-step.mjs, node_modules/)
#   .device-dataN/part.tar     → /tmp/caltech101/101_ObjectCategories/…
# and writes /tmp/app/env.sh (PATH, Vulkan/EGL driver files, CALTECH101_DIR, XDG_RUNTIME_DIR)
# for callers to source: bash scripts/device/setup.sh && . /tmp/app/env.sh && node …
# Idempotent: each input is unpacked once per machine (stamps under /tmp/.device-stamps).
# DEVICE_ROOT=/some/dir (default /tmp) moves app/, caltech101/, xdg/ and the stamps there (for a
# local test; leave .gl out of such a test: it unpacks into /).
# Options: --need app   fail (exit 3) unless $R/app holds node + bundles built from this tree
#          --need data  fail (exit 4) unless the whole data set is in $R/caltech101
# (a machine that went cold between calls starts bare: then re-send call 1, see README.md)
set -euo pipefail
need_app=0 need_data=0
while [ $# -gt 0 ]; do
  case "$1" in
    --need) case "${2:-}" in app) need_app=1 ;; data) need_data=1 ;; *) echo "setup: --need app|data" >&2; exit 2 ;; esac; shift 2 ;;
    *) echo "setup: unknown option $1" >&2; exit 2 ;;
  esac
done
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

R="${DEVICE_ROOT:-/tmp}"
A="$R/app"
stamps="$R/.device-stamps"
mkdir -p "$stamps" "$A" "$R/xdg"
chmod 700 "$R/xdg"
# done FILE: true when FILE (same size and mtime) was unpacked already
stamp_of() { echo "$(stat -c '%s %Y' "$1") $1"; }
done_already() { [ -f "$stamps/$2" ] && [ "$(cat "$stamps/$2")" = "$(stamp_of "$1")" ]; }
mark() { stamp_of "$1" >"$stamps/$2"; }

# --- GL / Vulkan libraries ---
if compgen -G '.gl/*.deb' >/dev/null; then
  if done_already .gl "gl" && ldconfig -p | grep -q 'libvulkan.so.1' && ldconfig -p | grep -q 'libEGL.so.1'; then
    echo "setup: .gl already unpacked"
  else
    for f in .gl/*.deb; do dpkg -x "$f" /; done
    ldconfig
    mark .gl gl
    echo "setup: unpacked $(ls .gl/*.deb | wc -l) .deb files into /"
  fi
fi

# --- Node + app ---
if [ -f .device/node.xz ]; then
  if done_already .device/node.xz node && [ -x "$A"/node ]; then
    echo "setup: $A/node already there"
  else
    xz -dc .device/node.xz >"$A"/node.partial && chmod +x "$A"/node.partial && mv "$A"/node.partial "$A"/node
    mark .device/node.xz node
    echo "setup: $A/node $($A/node --version)"
  fi
fi
if [ -f .device/app.tar.xz ]; then
  if done_already .device/app.tar.xz app && [ -f "$A"/train-full.mjs ]; then
    echo "setup: $A bundles already there"
  else
    rm -rf "$A"/node_modules "$A"/*.mjs
    xz -dc .device/app.tar.xz | tar -x --no-same-owner -C "$A"
    mark .device/app.tar.xz app
    echo "setup: unpacked app into $A: $(cd $A && ls *.mjs | tr '\n' ' ')"
  fi
fi

# --- data set parts ---
for n in 1 2 3; do
  f=".device-data$n/part.tar"
  [ -f "$f" ] || continue
  if done_already "$f" "data$n"; then
    echo "setup: data part $n already unpacked"
  else
    tar -x --no-same-owner -C "$R" -f "$f"
    mark "$f" "data$n"
    echo "setup: unpacked data part $n"
  fi
done
[ -f .device-data1/expected-count ] && cp .device-data1/expected-count "$stamps"/expected-count

cats=$R/caltech101/101_ObjectCategories
data_ok=0
if [ -d "$cats" ]; then
  classes=$(find "$cats" -mindepth 1 -maxdepth 1 -type d | wc -l)
  images=$(find "$cats" -mindepth 2 -type f | wc -l)
  want="$(cat "$stamps/expected-count" 2>/dev/null || echo '? ?')"
  if [ "$classes $images" = "$want" ]; then
    echo "setup: data set complete: $classes class folders, $images files in $cats"
    data_ok=1
  else
    echo "setup: data set so far: $classes class folders, $images files in $cats (complete: ${want% *} folders, ${want#* } files)"
  fi
fi

cat >"$A/env.sh" <<EOF
# written by scripts/device/setup.sh; source it: . $A/env.sh
export PATH=$A:\$PATH
# the NVIDIA driver files of the lent machines (where absent, e.g. in a local test, Dawn
# falls back to what src/lib/webgpu/dawn-node.ts finds)
if [ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ]; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  export __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
fi
export CALTECH101_DIR=$R/caltech101
export XDG_RUNTIME_DIR=$R/xdg
EOF
echo "setup: wrote $A/env.sh"

status=0
if [ -x "$A/node" ] && [ -f "$A/source.hash" ]; then
  now="$(bash scripts/device/source-hash.sh "$A/source.files")"
  if [ "$now" = "$(cat "$A/source.hash")" ]; then
    echo "setup: bundles match this tree's sources ($now)"
  else
    echo "setup: ERROR: the bundles in $A were built from other sources ($(cat "$A/source.hash")) than this tree's ($now): run scripts/device/pack.sh here and send .device again" >&2
    [ "$need_app" = 1 ] && status=3
  fi
elif [ "$need_app" = 1 ]; then
  echo "setup: ERROR: no $A/node or bundles: send call 1 (carry .device .gl .device-data1) first" >&2
  status=3
fi
if [ "$need_data" = 1 ] && [ "$data_ok" != 1 ]; then
  echo "setup: ERROR: the data set in $R/caltech101 is incomplete: send the calls carrying .device-data1, 2 and 3 first" >&2
  [ "$status" = 0 ] && status=4
fi
exit "$status"
