#!/usr/bin/env bash
# Builds the C guests into tests/components/guests/out/:
#   basic-c.component.wasm   world test:guests/basic          (basic.c)
#   plugin-c.component.wasm  world test:plugins/plugin-world  (plugin.c)
# clang-14 + wasi-libc (Debian, wasm32-wasi, reactor) -> jco embed (WIT) -> jco new --wasi-reactor.
# Called by tests/components/build-guests.sh, which installs the toolchains and sets JCO, WORK, WIT_WORLD.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WIT="$HERE/../../wit"; OUT="$HERE/../out"
: "${JCO:?run through build-guests.sh}" "${WORK:?}" "${WIT_WORLD:?}"
mkdir -p "$OUT" "$WORK"
build() { # <source> <core name> <wit file> <world> <component>
  # -mexec-model=reactor links crt1-reactor.o: an `_initialize` export instead of constructor
  # wrappers around every export (those make WASI calls, which trap inside cabi_realloc).
  clang-14 --target=wasm32-wasi -O2 -mexec-model=reactor -std=c11 -Wall -Wextra -Werror \
    -Wl,--strip-debug -o "$WORK/$2.core.wasm" "$HERE/$1"
  "$WIT_WORLD" "$WIT/$3" "$4" "$WORK/$2.wit"
  "$JCO" embed "$WORK/$2.core.wasm" --wit "$WORK/$2.wit" -o "$WORK/$2.embed.wasm"
  "$JCO" new "$WORK/$2.embed.wasm" --wasi-reactor -o "$OUT/$5"
}
build basic.c basic-c guests.wit basic basic-c.component.wasm
build plugin.c plugin-c plugin.wit plugin-world plugin-c.component.wasm
