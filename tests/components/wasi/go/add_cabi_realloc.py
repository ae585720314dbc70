#!/usr/bin/env python3
"""Gives the Go core module a `cabi_realloc` export for the preview1 command adapter.

usage: add_cabi_realloc.py CORE.wasm CORE.wat OUT.wat

CORE.wat is CORE.wasm printed as text (`jco print`). The function bump-allocates from
main.adapterArena, a byte array that main.go reserves for the adapter (see the comment there):
this script finds the array's address through the marker its data starts with, by reading the
module's data section, then appends a global, the function and the export to the text.
ARENA_BYTES must match the array's size after the marker in main.go.
"""
import sys

MARKER = b"witbindgen-arena"
ARENA_BYTES = 4 << 16


def leb(buf, pos, signed=False):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            break
    if signed and b & 0x40:
        result -= 1 << shift
    return result, pos


def marker_addresses(wasm):
    if wasm[:4] != b"\0asm":
        sys.exit("not a wasm module")
    found = []
    pos = 8
    while pos < len(wasm):
        sid = wasm[pos]
        size, pos = leb(wasm, pos + 1)
        end = pos + size
        if sid == 11:  # data section
            count, p = leb(wasm, pos)
            for _ in range(count):
                flags, p = leb(wasm, p)
                if flags == 1:  # passive: no address
                    n, p = leb(wasm, p)
                    p += n
                    continue
                if flags == 2:
                    _, p = leb(wasm, p)
                if wasm[p] != 0x41:
                    sys.exit("unexpected data segment offset expression")
                base, p = leb(wasm, p + 1, signed=True)
                if wasm[p] != 0x0B:
                    sys.exit("unexpected data segment offset expression")
                n, p = leb(wasm, p + 1)
                seg = wasm[p:p + n]
                i = seg.find(MARKER)
                while i >= 0:
                    found.append(base + i)
                    i = seg.find(MARKER, i + 1)
                p += n
        pos = end
    return found


def main():
    core, wat_in, wat_out = sys.argv[1:4]
    wasm = open(core, "rb").read()
    addrs = marker_addresses(wasm)
    if len(addrs) != 1:
        sys.exit(f"expected the arena marker exactly once in the data, found {len(addrs)}")
    start = addrs[0] + len(MARKER)
    limit = start + ARENA_BYTES
    text = open(wat_in, encoding="utf-8").read().rstrip()
    if '(export "cabi_realloc"' in text:
        sys.exit("module already exports cabi_realloc")
    if not text.endswith(")"):
        sys.exit("unexpected module text")
    addition = f"""
  ;; added by add_cabi_realloc.py: allocator for the preview1 adapter over main.adapterArena
  (global $witbindgen_arena_next (mut i32) (i32.const {start}))
  (func $witbindgen_cabi_realloc (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $p i32)
    ;; the adapter only asks for fresh blocks
    (if (i32.or (local.get $old) (local.get $old_size)) (then unreachable))
    (local.set $p
      (i32.and
        (i32.add (global.get $witbindgen_arena_next) (i32.sub (local.get $align) (i32.const 1)))
        (i32.sub (i32.const 0) (local.get $align))))
    (if (i32.gt_u (i32.add (local.get $p) (local.get $size)) (i32.const {limit})) (then unreachable))
    (global.set $witbindgen_arena_next (i32.add (local.get $p) (local.get $size)))
    (local.get $p))
  (export "cabi_realloc" (func $witbindgen_cabi_realloc))
)
"""
    with open(wat_out, "w", encoding="utf-8") as f:
        f.write(text[:-1].rstrip())
        f.write(addition)
    print(f"cabi_realloc arena: [{start:#x}, {limit:#x})")


if __name__ == "__main__":
    main()
