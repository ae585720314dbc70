#!/usr/bin/env bash
# Builds the JavaScript guest components into ../out/ with componentize-js (StarlingMonkey engine
# + wizer snapshot; it embeds the world and adds the WASI adapter itself, no jco new step):
#   basic-js.component.wasm   world test:guests/basic           (basic.js)
#   plugin-js.component.wasm  world test:plugins/plugin-world, plugin "js-count" (plugin.js)
# componentize-js is the version jco 1.35.0 depends on (0.22.x, pinned by the lock file), installed
# with jco by ../../build-wasi.sh into ${WITBINDGEN_TOOLCHAINS:-$HOME/.cache/witbindgen-toolchains}.
# WASI features not needed are disabled (-d random clocks http fetch-event); stdio stays, so an
# uncaught exception is reported on stderr instead of a bare trap.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
COMPONENTS=$(cd "$HERE/../.." && pwd)
WIT="$COMPONENTS/wit"; OUT="$COMPONENTS/guests/out"
CACHE=${WITBINDGEN_TOOLCHAINS:-$HOME/.cache/witbindgen-toolchains}
mkdir -p "$OUT"
"$COMPONENTS/build-wasi.sh" --install-only jco
CJS="$CACHE/jco/node_modules/@bytecodealliance/componentize-js/src/cli.js"

build() { # build <source> <wit file> <world> <output name>
  # the preload gives preview2-shim 0.26 a "/" preopen (see build-wasi.sh), which the splicer needs to read the WIT
  node --import "$CACHE/jco/preopen-root.mjs" "$CJS" "$HERE/$1" --wit "$2" --world-name "$3" \
    -d random clocks http fetch-event -o "$OUT/$4.component.wasm"
  printf '[guests/js] %-28s %8d bytes\n' "$4.component.wasm" "$(stat -c %s "$OUT/$4.component.wasm")" >&2
}

# the two builds are independent and mostly single-threaded: run them side by side
build basic.js "$WIT/guests.wit" test:guests/basic basic-js & basic=$!
build plugin.js "$WIT/plugin.wit" test:plugins/plugin-world plugin-js & plugin=$!
status=0
wait $basic || status=1
wait $plugin || status=1
exit $status
