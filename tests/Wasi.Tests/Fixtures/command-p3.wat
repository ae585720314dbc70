;; A WASI 0.3 command (wasi:cli/command@0.3.0) written by hand per the canonical ABI. Its `run` (an async function,
;; lifted stackful: it blocks in synchronous stream and future built-ins and ends with task.return) hands stdout a
;; stream with write-via-stream, then writes "args:" and each argument, each environment variable, "waited" after a
;; 1 ms wait on the monotonic clock (checked by the clock) and "random: 16" after asking for 16 random bytes; it drops
;; the stream's writable end, reads the future to learn that stdout took everything, and exits with code 3.
(component
  (import "wasi:cli/environment@0.3.0" (instance $environment
    (export "get-environment" (func (result (list (tuple string string)))))
    (export "get-arguments" (func (result (list string))))))
  (import "wasi:cli/exit@0.3.0" (instance $exit
    (export "exit-with-code" (func (param "status-code" u8)))))
  (import "wasi:cli/types@0.3.0" (instance $cli-types
    (type $error-code (enum "io" "illegal-byte-sequence" "pipe"))
    (export "error-code" (type $e (eq $error-code)))))
  (alias export $cli-types "error-code" (type $error-code))
  (import "wasi:cli/stdout@0.3.0" (instance $stdout
    (alias outer 1 $error-code (type $e))
    (export "error-code" (type $ec (eq $e)))
    (export "write-via-stream" (func (param "data" (stream u8)) (result (future (result (error $ec))))))))
  (import "wasi:clocks/monotonic-clock@0.3.0" (instance $monotonic
    (export "now" (func (result u64)))
    (export "wait-for" (func async (param "how-long" u64)))))
  (import "wasi:random/random@0.3.0" (instance $random
    (export "get-random-bytes" (func (param "max-len" u64) (result (list u8))))))

  (core module $libc
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 4096))
    (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
      (local $p i32) (local $end i32)
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

  (type $bytes (stream u8))
  (type $outcome (future (result (error $error-code))))
  (core func $get-environment (canon lower (func $environment "get-environment") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $get-arguments (canon lower (func $environment "get-arguments") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $exit-with-code (canon lower (func $exit "exit-with-code")))
  (core func $write-via-stream (canon lower (func $stdout "write-via-stream")))
  (core func $now (canon lower (func $monotonic "now")))
  (core func $wait-for (canon lower (func $monotonic "wait-for")))
  (core func $get-random-bytes (canon lower (func $random "get-random-bytes") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $stream.new (canon stream.new $bytes))
  (core func $stream.write (canon stream.write $bytes (memory (core memory $libc "memory"))))
  (core func $stream.drop-writable (canon stream.drop-writable $bytes))
  (core func $future.read (canon future.read $outcome (memory (core memory $libc "memory"))))
  (core func $future.drop-readable (canon future.drop-readable $outcome))
  (core func $task.return (canon task.return (result (result))))

  (core module $m
    (import "libc" "memory" (memory 1))
    (import "wasi" "get-environment" (func $get-environment (param i32)))
    (import "wasi" "get-arguments" (func $get-arguments (param i32)))
    (import "wasi" "exit-with-code" (func $exit-with-code (param i32)))
    (import "wasi" "write-via-stream" (func $write-via-stream (param i32) (result i32)))
    (import "wasi" "now" (func $now (result i64)))
    (import "wasi" "wait-for" (func $wait-for (param i64)))
    (import "wasi" "get-random-bytes" (func $get-random-bytes (param i64 i32)))
    (import "wasi" "stream.new" (func $stream.new (result i64)))
    (import "wasi" "stream.write" (func $stream.write (param i32 i32 i32) (result i32)))
    (import "wasi" "stream.drop-writable" (func $stream.drop-writable (param i32)))
    (import "wasi" "future.read" (func $future.read (param i32 i32) (result i32)))
    (import "wasi" "future.drop-readable" (func $future.drop-readable (param i32)))
    (import "wasi" "task.return" (func $task.return (param i32)))
    (data (i32.const 200) "args:")
    (data (i32.const 210) " \0a=")
    (data (i32.const 220) "waited\0a")
    (data (i32.const 240) "random: 16\0a")
    ;; The writable end of the stream stdout reads.
    (global $out (mut i32) (i32.const 0))

    ;; Writes len bytes at ptr to stdout, all of them (a synchronous write waits for the host's read), else traps.
    (func $print (param $ptr i32) (param $len i32)
      (if (i32.eqz (local.get $len)) (then (return)))
      (if (i32.ne (call $stream.write (global.get $out) (local.get $ptr) (local.get $len)) (i32.shl (local.get $len) (i32.const 4)))
        (then unreachable)))

    (func (export "run") (local $pair i64) (local $future i32) (local $list i32) (local $n i32) (local $i i32) (local $start i64)
      (local.set $pair (call $stream.new))
      (global.set $out (i32.wrap_i64 (i64.shr_u (local.get $pair) (i64.const 32))))
      (local.set $future (call $write-via-stream (i32.wrap_i64 (local.get $pair))))

      ;; args: a b c
      (call $print (i32.const 200) (i32.const 5))
      (call $get-arguments (i32.const 16))
      (local.set $list (i32.load (i32.const 16)))
      (local.set $n (i32.load (i32.const 20)))
      (local.set $i (i32.const 0))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (call $print (i32.const 210) (i32.const 1))
        (call $print (i32.load (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 3))))
                     (i32.load (i32.add (local.get $list) (i32.add (i32.shl (local.get $i) (i32.const 3)) (i32.const 4)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (call $print (i32.const 211) (i32.const 1))

      ;; NAME=value, one per line
      (call $get-environment (i32.const 16))
      (local.set $list (i32.load (i32.const 16)))
      (local.set $n (i32.load (i32.const 20)))
      (local.set $i (i32.const 0))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (call $print (i32.load (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 4))))
                     (i32.load (i32.add (local.get $list) (i32.add (i32.shl (local.get $i) (i32.const 4)) (i32.const 4)))))
        (call $print (i32.const 212) (i32.const 1))
        (call $print (i32.load (i32.add (local.get $list) (i32.add (i32.shl (local.get $i) (i32.const 4)) (i32.const 8))))
                     (i32.load (i32.add (local.get $list) (i32.add (i32.shl (local.get $i) (i32.const 4)) (i32.const 12)))))
        (call $print (i32.const 211) (i32.const 1))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))

      ;; waited: 1 ms by the monotonic clock
      (local.set $start (call $now))
      (call $wait-for (i64.const 1000000))
      (if (i64.lt_u (i64.sub (call $now) (local.get $start)) (i64.const 1000000)) (then unreachable))
      (call $print (i32.const 220) (i32.const 7))

      ;; random: 16
      (call $get-random-bytes (i64.const 16) (i32.const 32))
      (if (i32.ne (i32.load (i32.const 36)) (i32.const 16)) (then unreachable))
      (call $print (i32.const 240) (i32.const 11))

      ;; End the stream and wait until stdout took everything: the future must hold ok.
      (call $stream.drop-writable (global.get $out))
      (if (i32.ne (call $future.read (local.get $future) (i32.const 48)) (i32.const 0)) (then unreachable))
      (if (i32.load8_u (i32.const 48)) (then unreachable))
      (call $future.drop-readable (local.get $future))
      (call $exit-with-code (i32.const 3))
      (call $task.return (i32.const 0))))
  (core instance $i (instantiate $m
    (with "libc" (instance $libc))
    (with "wasi" (instance
      (export "get-environment" (func $get-environment))
      (export "get-arguments" (func $get-arguments))
      (export "exit-with-code" (func $exit-with-code))
      (export "write-via-stream" (func $write-via-stream))
      (export "now" (func $now))
      (export "wait-for" (func $wait-for))
      (export "get-random-bytes" (func $get-random-bytes))
      (export "stream.new" (func $stream.new))
      (export "stream.write" (func $stream.write))
      (export "stream.drop-writable" (func $stream.drop-writable))
      (export "future.read" (func $future.read))
      (export "future.drop-readable" (func $future.drop-readable))
      (export "task.return" (func $task.return))))))
  (func $run async (result (result)) (canon lift (core func $i "run") async))
  (instance $run (export "run" (func $run)))
  (export "wasi:cli/run@0.3.0" (instance $run)))
