;; Fixture for tests/Bindings.Tests/wit/large-results.wit, world `large-results`, written by hand per the canonical ABI.
;;
;; Memory map: the bump allocator hands out memory from 4096 up (growing the memory when needed); the results use the
;; static return area at 1024; invalid results are data at 2048. Every export that returns a string or a byte list has
;; a post-return that counts its runs and then overwrites the result's bytes with 0xee: a host must have copied the
;; result out before post-return, as the canonical ABI says.
(component
  (core module $libc
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 4096))
    (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
      (local $p i32) (local $end i32)
      (if (i32.and (i32.ne (local.get $old) (i32.const 0)) (i32.le_u (local.get $size) (local.get $old-size)))
        (then (return (local.get $old))))
      (local.set $p
        (i32.and
          (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
          (i32.xor (i32.sub (local.get $align) (i32.const 1)) (i32.const -1))))
      (local.set $end (i32.add (local.get $p) (local.get $size)))
      (if (i32.gt_u (local.get $end) (i32.shl (memory.size) (i32.const 16)))
        (then
          (if (i32.eq
                (memory.grow (i32.shr_u (i32.add (i32.sub (local.get $end) (i32.shl (memory.size) (i32.const 16))) (i32.const 65535)) (i32.const 16)))
                (i32.const -1))
            (then unreachable))))
      (global.set $bump (local.get $end))
      (if (local.get $old) (then (memory.copy (local.get $p) (local.get $old) (local.get $old-size))))
      (local.get $p)))
  (core instance $libc (instantiate $libc))

  (core module $m
    (import "libc" "memory" (memory 1))
    (global $posts (mut i32) (i32.const 0))
    (data (i32.const 2048) "a\ffb")
    (data (i32.const 2056) "a\00\00\d8b\00")
    ;; (pointer, length) at the return area
    (func $pair (param $ptr i32) (param $len i32) (result i32)
      (i32.store (i32.const 1024) (local.get $ptr))
      (i32.store (i32.const 1028) (local.get $len))
      (i32.const 1024))
    (func (export "echo") (param $ptr i32) (param $len i32) (result i32)
      (call $pair (local.get $ptr) (local.get $len)))
    (func (export "bad-utf8") (result i32) (call $pair (i32.const 2048) (i32.const 3)))
    (func (export "bad-utf16") (result i32) (call $pair (i32.const 2056) (i32.const 3)))
    (func (export "bad-bytes") (result i32) (call $pair (i32.const -256) (i32.const 1000)))
    (func (export "post-returns") (result i32) (global.get $posts))
    ;; post-return for results of `bytes` bytes per unit (1 for UTF-8 and lists, 2 for UTF-16); a latin1+utf16 length
    ;; carries the UTF-16 tag in its top bit, which the mask drops.
    (func $scribble (param $ret i32) (param $unit i32)
      (global.set $posts (i32.add (global.get $posts) (i32.const 1)))
      (memory.fill
        (i32.load (local.get $ret))
        (i32.const 0xee)
        (i32.mul (i32.and (i32.load offset=4 (local.get $ret)) (i32.const 0x7fffffff)) (local.get $unit))))
    (func (export "post-bytes") (param $ret i32) (call $scribble (local.get $ret) (i32.const 1)))
    (func (export "post-utf16") (param $ret i32) (call $scribble (local.get $ret) (i32.const 2)))
    (func (export "post-latin1") (param $ret i32)
      (call $scribble (local.get $ret)
        (select (i32.const 2) (i32.const 1) (i32.lt_s (i32.load offset=4 (local.get $ret)) (i32.const 0))))))
  (core instance $i (instantiate $m (with "libc" (instance $libc))))

  (func $echo (param "s" string) (result string)
    (canon lift (core func $i "echo") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))
      (post-return (core func $i "post-bytes"))))
  (func $echo-utf16 (param "s" string) (result string)
    (canon lift (core func $i "echo") string-encoding=utf16 (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))
      (post-return (core func $i "post-utf16"))))
  (func $echo-latin1 (param "s" string) (result string)
    (canon lift (core func $i "echo") string-encoding=latin1+utf16 (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))
      (post-return (core func $i "post-latin1"))))
  (func $echo-bytes (param "b" (list u8)) (result (list u8))
    (canon lift (core func $i "echo") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))
      (post-return (core func $i "post-bytes"))))
  (func $bad-utf8 (result string)
    (canon lift (core func $i "bad-utf8") (memory (core memory $libc "memory")) (post-return (core func $i "post-bytes"))))
  (func $bad-utf16 (result string)
    (canon lift (core func $i "bad-utf16") string-encoding=utf16 (memory (core memory $libc "memory")) (post-return (core func $i "post-utf16"))))
  (func $bad-bytes (result (list u8))
    (canon lift (core func $i "bad-bytes") (memory (core memory $libc "memory"))))
  (func $post-returns (result u32) (canon lift (core func $i "post-returns")))

  (export "echo" (func $echo))
  (export "echo-utf16" (func $echo-utf16))
  (export "echo-latin1" (func $echo-latin1))
  (export "echo-bytes" (func $echo-bytes))
  (export "bad-utf8" (func $bad-utf8))
  (export "bad-utf16" (func $bad-utf16))
  (export "bad-bytes" (func $bad-bytes))
  (export "post-returns" (func $post-returns)))
