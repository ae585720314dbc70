;; Fixture for tests/Wasi.Tests/own-world/world.wit, world `logger`, written by hand per the canonical ABI: a world
;; that imports WASI itself (output-stream, datetime) and exports functions that pass WASI's types.
(component
  (import "wasi:io/error@0.2.12" (instance $error (export "error" (type (sub resource)))))
  (alias export $error "error" (type $error-type))
  (import "wasi:io/streams@0.2.12" (instance $streams
    (alias outer 1 $error-type (type $outer-error))
    (export "error" (type $e (eq $outer-error)))
    (export "output-stream" (type $out (sub resource)))
    (type $stream-error (variant (case "last-operation-failed" (own $e)) (case "closed")))
    (export "stream-error" (type $se (eq $stream-error)))
    (export "[method]output-stream.blocking-write-and-flush" (func (param "self" (borrow $out)) (param "contents" (list u8)) (result (result (error $se)))))))
  (alias export $streams "output-stream" (type $output-stream))
  (import "wasi:clocks/wall-clock@0.2.12" (instance $wall
    (type $datetime (record (field "seconds" u64) (field "nanoseconds" u32)))
    (export "datetime" (type $dt (eq $datetime)))))
  (alias export $wall "datetime" (type $datetime))

  ;; A memory and a bump allocator that never frees.
  (core module $libc
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 4096))
    (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
      (local $p i32)
      (local.set $p
        (i32.and
          (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
          (i32.xor (i32.sub (local.get $align) (i32.const 1)) (i32.const -1))))
      (global.set $bump (i32.add (local.get $p) (local.get $size)))
      (local.get $p)))
  (core instance $libc (instantiate $libc))

  (core func $write-and-flush (canon lower (func $streams "[method]output-stream.blocking-write-and-flush") (memory (core memory $libc "memory"))))
  (core func $drop-output (canon resource.drop $output-stream))

  (core module $m
    (import "host" "write-and-flush" (func $write-and-flush (param i32 i32 i32 i32)))
    (import "host" "drop-output" (func $drop-output (param i32)))
    ;; log-to(out, message): write the message's bytes to the stream (result area at 64), then drop the borrow.
    (func (export "log-to") (param $out i32) (param $ptr i32) (param $len i32)
      (call $write-and-flush (local.get $out) (local.get $ptr) (local.get $len) (i32.const 64))
      (call $drop-output (local.get $out)))
    ;; seconds-of(when): the record's first field.
    (func (export "seconds-of") (param $seconds i64) (param $nanoseconds i32) (result i64)
      (local.get $seconds)))
  (core instance $host
    (export "write-and-flush" (func $write-and-flush))
    (export "drop-output" (func $drop-output)))
  (core instance $m (instantiate $m (with "host" (instance $host))))

  (func (export "log-to") (param "out" (borrow $output-stream)) (param "message" string)
    (canon lift (core func $m "log-to") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func (export "seconds-of") (param "when" $datetime) (result u64)
    (canon lift (core func $m "seconds-of"))))
