#!/usr/bin/env bash
# Rebuilds the guest components (tests/components/guests, see tests/components/README.md) into
# tests/components/guests/out/:
#
#   tests/components/build-guests.sh [rust] [c] [go] [js]      (default: all four)
#
# A thin dispatcher: toolchains are installed by build-wasi.sh --install-only (same cache,
# ${WITBINDGEN_TOOLCHAINS:-$HOME/.cache/witbindgen-toolchains}); each language's steps live in
# guests/<lang>/build.sh, which gets these variables:
#   JCO       the jco wrapper (jco embed / jco new)
#   WORK      a scratch directory for intermediate core modules (outside the repo)
#   CACHE     the toolchain cache directory
#   WIT_WORLD guests/wit-world.sh: `$WIT_WORLD in.wit world out.wit` keeps one world of a WIT file
#             (jco 1.35.0's `embed --world-name` is ignored, see that script)
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export CACHE=${WITBINDGEN_TOOLCHAINS:-$HOME/.cache/witbindgen-toolchains}
export JCO="$CACHE/jco/jco" WORK="$CACHE/work/guests" WIT_WORLD="$HERE/guests/wit-world.sh"
mkdir -p "$WORK" "$HERE/guests/out"
langs=("$@"); [ ${#langs[@]} -gt 0 ] || langs=(rust c go js)
for l in "${langs[@]}"; do
  case "$l" in
    rust|c) "$HERE/build-wasi.sh" --install-only "$l" ;;
    # ---- go: installed by build-wasi.sh as well; steps in guests/go/build.sh (other branch)
    go) "$HERE/build-wasi.sh" --install-only go ;;
    # ---- js: jco/componentize-js; installation and steps in guests/js/build.sh (other branch)
    js) ;;
    *) echo "unknown language: $l (want rust, c, go, js)" >&2; exit 2 ;;
  esac
  [ -x "$HERE/guests/$l/build.sh" ] || { echo "no guests/$l/build.sh on this branch" >&2; exit 2; }
  t0=$(date +%s.%N)
  "$HERE/guests/$l/build.sh"
  t1=$(date +%s.%N)
  printf '[build-guests] %-4s built in %5.1fs\n' "$l" "$(echo "$t1 - $t0" | bc)" >&2
done
ls -l "$HERE/guests/out/"*.wasm >&2
