#!/usr/bin/env bash
# The generated-bindings call scenarios (benchmarks/WitBindgen.Benchmarks/GeneratedBindingsBenchmarks.cs) run in
# node through `jco transpile` on the same component (Fixtures/bench.wat), for comparison with a JS host.
#
#   benchmarks/jco/run.sh [out-dir]        (default out-dir: a fresh temporary directory)
#
# Needs node (20+) and jco in the toolchain cache; install jco with
#   tests/components/build-wasi.sh --install-only
# Prints one line per scenario: the median ns per call (see bench.mjs for how it is measured).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
JCO="${WITBINDGEN_TOOLCHAINS:-$HOME/.cache/witbindgen-toolchains}/jco/jco"
if [ ! -x "$JCO" ]; then
  echo "jco not found at $JCO; install it with: $REPO/tests/components/build-wasi.sh --install-only" >&2
  exit 1
fi
command -v node >/dev/null || { echo "node is not on the PATH" >&2; exit 1; }

OUT="${1:-$(mktemp -d)}"
mkdir -p "$OUT"
# jco cannot take bench.wat as is: its world exports the record and variant types by name at the top level
# ("component export `triple` was not a function or instance"). A WIT world that `use`s an interface's types
# imports that interface, so this copy imports them from `bench:calls/types` instead (as wit-component encodes the
# world). Only those four type lines differ; every core function, lift and lower is the same.
sed -e '/^  (type $triple (record /d' -e '/^  (type $message (variant /d' \
    -e '/^  (export $message-e "message"/d' \
    -e 's|^  (export $triple-e "triple" (type $triple))$|  (import "bench:calls/types" (instance $types\
    (type (record (field "a" s32) (field "b" s32) (field "c" s32)))\
    (export "triple" (type (eq 0)))\
    (type (variant (case "ping") (case "number" u64) (case "text" string)))\
    (export "message" (type (eq 2)))))\
  (alias export $types "triple" (type $triple-e))\
  (alias export $types "message" (type $message-e))|' \
    "$REPO/benchmarks/WitBindgen.Benchmarks/Fixtures/bench.wat" > "$OUT/bench.wat"
grep -q 'alias export $types "message"' "$OUT/bench.wat" || { echo "bench.wat changed: update the rewrite in $0" >&2; exit 1; }
"$JCO" parse "$OUT/bench.wat" -o "$OUT/bench.wasm"
# The world's `log` import becomes an ES module: host.mjs, copied next to the transpiled bindings.
cp "$HERE/host.mjs" "$OUT/host.mjs"
"$JCO" transpile "$OUT/bench.wasm" -o "$OUT/bindings" --map 'log=../host.mjs' --no-typescript -q
echo "# node $(node --version), jco $("$JCO" --version), bindings in $OUT/bindings"
node "$HERE/bench.mjs" "$OUT/bindings/bench.js"
