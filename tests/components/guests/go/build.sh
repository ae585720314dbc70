#!/usr/bin/env bash
# Builds the Go guest components into ../out/:
#   full-go.component.wasm    world test:guests/full   (full/ + cabi/)
#   plugin-go.component.wasm  world test:plugins/plugin-world, plugin "go-title" (plugin/ + cabi/)
#   store-go.component.wasm   world test:compose/provider (store/ + cabi/; the Rust reporter imports it)
#   full-go-counters-shim.component.wasm  full-go nested in a wrapper that re-exports the counters
#                             functions with u32 handles, for hosts without resource values (counters-shim.py)
# Pipeline: Go 1.24, GOOS=wasip1 GOARCH=wasm -buildmode=c-shared (a reactor with _initialize and
# the //go:wasmexport functions) -> jco embed (component-type custom section for the world)
# -> jco new --wasi-reactor (jco's built-in wasi_snapshot_preview1 reactor adapter).
# Toolchains (Go from Debian trixie, jco from npm) are installed on demand by ../../build-wasi.sh
# into ${WITBINDGEN_TOOLCHAINS:-$HOME/.cache/witbindgen-toolchains}.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
COMPONENTS=$(cd "$HERE/../.." && pwd)
WIT="$COMPONENTS/wit"; OUT="$COMPONENTS/guests/out"
CACHE=${WITBINDGEN_TOOLCHAINS:-$HOME/.cache/witbindgen-toolchains}
GOROOT_DIR="$CACHE/go/sdk/usr/lib/go-1.24"; JCO="$CACHE/jco/jco"
WORK="$CACHE/work/guests-go"
mkdir -p "$OUT" "$WORK"
"$COMPONENTS/build-wasi.sh" --install-only go

build() { # build <package dir> <wit file> <world> <output name>
  local pkg=$1 wit=$2 world=$3 name=$4
  (cd "$HERE" && env GOROOT="$GOROOT_DIR" GOPATH="$CACHE/go/gopath" GOCACHE="$CACHE/go/cache" \
      GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on GOOS=wasip1 GOARCH=wasm CGO_ENABLED=0 \
      "$GOROOT_DIR/bin/go" build -buildmode=c-shared -trimpath -ldflags=-s -o "$WORK/$name.core.wasm" "./$pkg")
  # (embed.mjs: `jco embed --world-name` ignores the world, see there)
  node --import "$CACHE/jco/preopen-root.mjs" "$HERE/embed.mjs" "$CACHE/jco" \
    "$WORK/$name.core.wasm" "$wit" "$world" "$WORK/$name.embed.wasm"
  "$JCO" new "$WORK/$name.embed.wasm" --wasi-reactor -o "$OUT/$name.component.wasm"
  printf '[guests/go] %-28s %8d bytes\n' "$name.component.wasm" "$(stat -c %s "$OUT/$name.component.wasm")" >&2
}

build full "$WIT/guests.wit" test:guests/full full-go
build plugin "$WIT/plugin.wit" test:plugins/plugin-world plugin-go
build store "$WIT/compose.wit" test:compose/provider store-go

# the wrapper: printed full-go + counters-shim.py -> parsed back
"$JCO" print "$OUT/full-go.component.wasm" -o "$WORK/full-go.component.wat"
python3 "$HERE/counters-shim.py" "$WORK/full-go.component.wat" "$WORK/full-go-counters-shim.wat" >/dev/null
"$JCO" parse "$WORK/full-go-counters-shim.wat" -o "$OUT/full-go-counters-shim.component.wasm"
rm -f "$WORK/full-go.component.wat" "$WORK/full-go-counters-shim.wat"
printf '[guests/go] %-28s %8d bytes\n' full-go-counters-shim.component.wasm \
  "$(stat -c %s "$OUT/full-go-counters-shim.component.wasm")" >&2
