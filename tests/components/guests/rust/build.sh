#!/usr/bin/env bash
# Builds the Rust guests into tests/components/guests/out/:
#   full-rust.component.wasm    world test:guests/full   (full.rs)
#   plugin-rust.component.wasm  world test:plugins/plugin-world (plugin.rs)
#   reporter-rust.component.wasm world test:compose/reporter (reporter.rs; imports what store-go exports)
# rustc 1.63 (Debian, wasm32-wasi) -> reactor cdylib -> jco embed (WIT) -> jco new --wasi-reactor.
# Called by tests/components/build-guests.sh, which installs the toolchains and sets JCO and WORK.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WIT="$HERE/../../wit"; OUT="$HERE/../out"
: "${JCO:?run through build-guests.sh}" "${WORK:?}" "${WIT_WORLD:?}"
mkdir -p "$OUT" "$WORK"
build() { # <source> <core name> <wit file> <world> <component>
  # crt1-reactor.o gives the module an `_initialize` export; without it wasm-ld wraps every export
  # (cabi_realloc too) in constructor calls that make WASI calls, which trap inside cabi_realloc.
  # /usr/bin/rustc explicitly: a rustup toolchain on PATH may lack the wasm32-wasi target.
  /usr/bin/rustc --edition 2021 --target wasm32-wasi --crate-type cdylib -C opt-level=s -C panic=abort \
    -C strip=debuginfo -C link-arg=--strip-debug -D warnings \
    -C link-arg=/usr/lib/rustlib/wasm32-wasi/lib/self-contained/crt1-reactor.o \
    "$HERE/$1" -o "$WORK/$2.core.wasm"
  "$WIT_WORLD" "$WIT/$3" "$4" "$WORK/$2.wit"
  "$JCO" embed "$WORK/$2.core.wasm" --wit "$WORK/$2.wit" -o "$WORK/$2.embed.wasm"
  "$JCO" new "$WORK/$2.embed.wasm" --wasi-reactor -o "$OUT/$5"
}
build full.rs full-rust guests.wit full full-rust.component.wasm
build plugin.rs plugin-rust plugin.wit plugin-world plugin-rust.component.wasm
build reporter.rs reporter-rust compose.wit reporter reporter-rust.component.wasm
