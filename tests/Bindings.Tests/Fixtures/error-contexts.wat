;; Fixture for tests/Bindings.Tests/wit/error-contexts.wit, world `error-contexts`, written by hand per the
;; canonical ABI: error contexts made with error-context.new, read with error-context.debug-message and dropped.
(component
  (import "host-error" (func $host-error (result error-context)))
  (core module $libc
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 4096))
    ;; A bump allocator (8-byte aligned) that never frees.
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.const 7)) (i32.const -8)))
      (global.set $bump (i32.add (local.get $p) (local.get 3)))
      (local.get $p)))
  (core instance $libc (instantiate $libc))
  (core func $ec.new (canon error-context.new (memory (core memory $libc "memory"))))
  (core func $ec.debug (canon error-context.debug-message (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $ec.drop (canon error-context.drop))
  (core func $host-error (canon lower (func $host-error)))
  (core module $m
    (import "libc" "memory" (memory 1))
    (import "" "ec.new" (func $ec.new (param i32 i32) (result i32)))
    (import "" "ec.debug" (func $ec.debug (param i32 i32)))
    (import "" "ec.drop" (func $ec.drop (param i32)))
    (import "" "host-error" (func $host-error (result i32)))
    (data (i32.const 100) "disk full")
    ;; make() -> error-context
    (func (export "make") (result i32) (call $ec.new (i32.const 100) (i32.const 9)))
    ;; describe(e: error-context) -> string: the message's (pointer, length) at 16.
    (func (export "describe") (param $e i32) (result i32)
      (call $ec.debug (local.get $e) (i32.const 16))
      (call $ec.drop (local.get $e))
      (i32.const 16))
    ;; check(ok: bool) -> result<u32, error-context>: discriminant at 32, payload at 36.
    (func (export "check") (param $ok i32) (result i32)
      (if (local.get $ok)
        (then
          (i32.store (i32.const 32) (i32.const 0))
          (i32.store (i32.const 36) (i32.const 7)))
        (else
          (i32.store (i32.const 32) (i32.const 1))
          (i32.store (i32.const 36) (call $ec.new (i32.const 100) (i32.const 9)))))
      (i32.const 32))
    ;; relay() -> string
    (func (export "relay") (result i32)
      (call $describe-from (call $host-error)))
    (func $describe-from (param $e i32) (result i32)
      (call $ec.debug (local.get $e) (i32.const 16))
      (call $ec.drop (local.get $e))
      (i32.const 16)))
  (core instance $i (instantiate $m
    (with "libc" (instance $libc))
    (with "" (instance
      (export "ec.new" (func $ec.new))
      (export "ec.debug" (func $ec.debug))
      (export "ec.drop" (func $ec.drop))
      (export "host-error" (func $host-error))))))
  (func (export "make") (result error-context) (canon lift (core func $i "make")))
  (func (export "describe") (param "e" error-context) (result string)
    (canon lift (core func $i "describe") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func (export "check") (param "ok" bool) (result (result u32 (error error-context)))
    (canon lift (core func $i "check") (memory (core memory $libc "memory"))))
  (func (export "relay") (result string)
    (canon lift (core func $i "relay") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc")))))
