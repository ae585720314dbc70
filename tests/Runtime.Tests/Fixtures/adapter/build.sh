#!/usr/bin/env bash
# Rebuilds hello.component.wasm, a test fixture for AdapterComponentTests, from hand-written sources:
#
#   hello.core.wat  core module (canonical ABI core signatures written by hand, imports
#                   wasi_snapshot_preview1 fd_write, exports memory + cabi_realloc)
#   hello.wit       world test:hello/hello { export greet: func(name: string) -> string; export shout: func(); }
#
# Pipeline (the toolchain recipe of ../shared/toolchains beside the repository, README.md there):
#   jco parse  hello.core.wat                       -> core module binary
#   jco embed  --wit hello.wit --world-name hello   -> adds the component-type custom section
#   jco new    --wasi-reactor                       -> component with jco's built-in
#                                                      wasi_snapshot_preview1 reactor adapter
# The adapter makes it a component of several core modules (main, adapter, shim with an
# indirect-call table, fixup) importing WASI 0.2 interfaces.
#
# The tests only need the committed hello.component.wasm; run this script after changing the sources.
# JCO selects the jco executable (default: the pinned jco 1.35.0 wrapper at /tmp/tc/jco/jco, as
# installed by the toolchains' install-jco.sh; any jco 1.x with `new --wasi-reactor` works).
# hello.component.wat (the printed component, for reading; not used by the tests) is written as well.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
J="${JCO:-/tmp/tc/jco/jco}"
if [ ! -x "$J" ]; then
  echo "jco not found at $J: install it with tests/components/build-wasi.sh --install-only or set JCO" >&2
  exit 1
fi
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
"$J" parse "$HERE/hello.core.wat" -o "$TMP/hello.core.wasm"
"$J" embed "$TMP/hello.core.wasm" --wit "$HERE/hello.wit" --world-name hello -o "$TMP/hello.embed.wasm"
"$J" new "$TMP/hello.embed.wasm" --wasi-reactor -o "$HERE/hello.component.wasm"
"$J" print "$HERE/hello.component.wasm" > "$HERE/hello.component.wat"
"$J" wit "$HERE/hello.component.wasm"
ls -l "$HERE/hello.component.wasm"
