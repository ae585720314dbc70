;; Hand-written core module for world test:hello/hello (see hello.wit), following the canonical
;; ABI's core signatures by hand, the way a C or Rust toolchain would. It uses WASI preview 1
;; (fd_write), which `jco new --wasi-reactor` satisfies with the wasi_snapshot_preview1 adapter.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))

  (memory (export "memory") 2)

  ;; Bump allocator state: everything below 8192 is static data and scratch space.
  (global $bump (mut i32) (i32.const 8192))

  ;; Static data.
  (data (i32.const 1024) "Hello, ")
  (data (i32.const 1056) "HELLO FROM SHOUT!\n")

  ;; Scratch space: 16 return-area bytes at 16 (greet's (ptr, len)), one iovec at 32, nwritten at 48.

  ;; cabi_realloc: a bump allocator that never frees. It honours the alignment, grows the memory
  ;; when needed, shrinks in place and copies on growth. The adapter allocates its state with it.
  (func $cabi_realloc (export "cabi_realloc")
    (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
    (local $p i32) (local $end i32)
    (if (i32.and (i32.ne (local.get $old) (i32.const 0)) (i32.le_u (local.get $new_size) (local.get $old_size)))
      (then (return (local.get $old))))
    (local.set $p
      (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
               (i32.sub (i32.const 0) (local.get $align))))
    (local.set $end (i32.add (local.get $p) (local.get $new_size)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (if (i32.eq
              (memory.grow
                (i32.sub
                  (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16))
                  (memory.size)))
              (i32.const -1))
          (then unreachable))))
    (global.set $bump (local.get $end))
    (if (local.get $old)
      (then (memory.copy (local.get $p) (local.get $old) (local.get $old_size))))
    (local.get $p))

  ;; greet: func(name: string) -> string
  ;; Core signature: (ptr i32, len i32) -> (retptr i32); the return area holds (ptr, len).
  (func (export "greet") (param $name i32) (param $len i32) (result i32)
    (local $out i32) (local $n i32)
    ;; "Hello, " (7) + name + "!" (1)
    (local.set $n (i32.add (local.get $len) (i32.const 8)))
    (local.set $out (call $cabi_realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $n)))
    (memory.copy (local.get $out) (i32.const 1024) (i32.const 7))
    (memory.copy (i32.add (local.get $out) (i32.const 7)) (local.get $name) (local.get $len))
    (i32.store8 (i32.add (local.get $out) (i32.add (local.get $len) (i32.const 7))) (i32.const 33))
    (i32.store (i32.const 16) (local.get $out))
    (i32.store (i32.const 20) (local.get $n))
    (i32.const 16))

  ;; post-return of greet: the bump allocator never frees, so there is nothing to do.
  (func (export "cabi_post_greet") (param i32))

  ;; shout: func()
  ;; Writes the static line to stdout (fd 1) with one iovec.
  (func (export "shout")
    (i32.store (i32.const 32) (i32.const 1056))
    (i32.store (i32.const 36) (i32.const 18))
    (if (call $fd_write (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 48))
      (then unreachable)))
)
