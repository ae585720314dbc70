;; A "puppet" guest written by hand per the canonical ABI: each export makes one (or a few) WASI 0.2 calls
;; with exactly the arguments the test passes, through the real canonical ABI, so tests can drive the host
;; at the component level (real handle tables, real linear memory) with values no well-behaved guest would
;; send. It imports WASI interfaces at version 0.2.0 (the host implements 0.2.12; imports match by semver).
;;
;; Conventions (see Hostile.cs):
;; - fd, dir, a, b: u32 handles in the guest's own table (as preopens and open-at return them).
;; - Filesystem errors come back as the raw u8 of wasi:filesystem/types error-code; flag parameters are the
;;   raw flag bits and are passed on untouched.
;; - A stream-error (either case) is reported as the error code 255; a last-operation-failed error resource
;;   is dropped.
;;
;; Memory: 256 holds export results that differ in layout from the import's; 512 and 768 receive import
;; results; the bump allocator starts at 4096, never frees and grows the memory (up to 4 GiB) as needed.
(component
  (import "wasi:io/error@0.2.0" (instance $error (export "error" (type (sub resource)))))
  (alias export $error "error" (type $error-type))
  (import "wasi:io/poll@0.2.0" (instance $poll
    (export "pollable" (type (sub resource)))))
  (alias export $poll "pollable" (type $pollable))
  (import "wasi:io/streams@0.2.0" (instance $streams
    (alias outer 1 $error-type (type $outer-error))
    (export "error" (type $e (eq $outer-error)))
    (export "output-stream" (type $out (sub resource)))
    (type $stream-error (variant (case "last-operation-failed" (own $e)) (case "closed")))
    (export "stream-error" (type $se (eq $stream-error)))
    (export "[method]output-stream.check-write" (func (param "self" (borrow $out)) (result (result u64 (error $se)))))
    (export "[method]output-stream.write" (func (param "self" (borrow $out)) (param "contents" (list u8)) (result (result (error $se)))))
    (export "[method]output-stream.blocking-write-and-flush" (func (param "self" (borrow $out)) (param "contents" (list u8)) (result (result (error $se)))))
    (export "[method]output-stream.blocking-flush" (func (param "self" (borrow $out)) (result (result (error $se)))))))
  (alias export $streams "output-stream" (type $output-stream))
  (import "wasi:cli/stdout@0.2.0" (instance $stdout
    (alias outer 1 $output-stream (type $out))
    (export "get-stdout" (func (result (own $out))))))
  (import "wasi:clocks/monotonic-clock@0.2.0" (instance $monotonic
    (alias outer 1 $pollable (type $p))
    (export "subscribe-duration" (func (param "when" u64) (result (own $p))))))
  (import "wasi:clocks/wall-clock@0.2.0" (instance $wall-clock
    (type $datetime (record (field "seconds" u64) (field "nanoseconds" u32)))
    (export "datetime" (type $dt (eq $datetime)))
    (export "now" (func (result $dt)))))
  (alias export $wall-clock "datetime" (type $datetime))
  (import "wasi:random/random@0.2.0" (instance $random
    (export "get-random-bytes" (func (param "len" u64) (result (list u8))))))
  (import "wasi:filesystem/types@0.2.0" (instance $types
    (alias outer 1 $output-stream (type $outer-out))
    (export "output-stream" (type $out (eq $outer-out)))
    (alias outer 1 $datetime (type $outer-datetime))
    (export "datetime" (type $dt (eq $outer-datetime)))
    (export "descriptor" (type $d (sub resource)))
    (export "directory-entry-stream" (type $des (sub resource)))
    (type $descriptor-type (enum "unknown" "block-device" "character-device" "directory" "fifo" "symbolic-link" "regular-file" "socket"))
    (export "descriptor-type" (type $dtype (eq $descriptor-type)))
    (type $error-code (enum "access" "would-block" "already" "bad-descriptor" "busy" "deadlock" "quota" "exist" "file-too-large" "illegal-byte-sequence" "in-progress" "interrupted" "invalid" "io" "is-directory" "loop" "too-many-links" "message-size" "name-too-long" "no-device" "no-entry" "no-lock" "insufficient-memory" "insufficient-space" "not-directory" "not-empty" "not-recoverable" "unsupported" "no-tty" "no-such-device" "overflow" "not-permitted" "pipe" "read-only" "invalid-seek" "text-file-busy" "cross-device" ))
    (export "error-code" (type $ec (eq $error-code)))
    (type $path-flags (flags "symlink-follow"))
    (export "path-flags" (type $pf (eq $path-flags)))
    (type $open-flags (flags "create" "directory" "exclusive" "truncate"))
    (export "open-flags" (type $of (eq $open-flags)))
    (type $descriptor-flags (flags "read" "write" "file-integrity-sync" "data-integrity-sync" "requested-write-sync" "mutate-directory"))
    (export "descriptor-flags" (type $df (eq $descriptor-flags)))
    (type $descriptor-stat (record
      (field "type" $dtype)
      (field "link-count" u64)
      (field "size" u64)
      (field "data-access-timestamp" (option $dt))
      (field "data-modification-timestamp" (option $dt))
      (field "status-change-timestamp" (option $dt))))
    (export "descriptor-stat" (type $stat (eq $descriptor-stat)))
    (type $new-timestamp (variant (case "no-change") (case "now") (case "timestamp" $dt)))
    (export "new-timestamp" (type $nt (eq $new-timestamp)))
    (type $directory-entry (record (field "type" $dtype) (field "name" string)))
    (export "directory-entry" (type $de (eq $directory-entry)))
    (type $metadata-hash-value (record (field "lower" u64) (field "upper" u64)))
    (export "metadata-hash-value" (type $mh (eq $metadata-hash-value)))
    (export "[method]descriptor.write-via-stream" (func (param "self" (borrow $d)) (param "offset" u64) (result (result (own $out) (error $ec)))))
    (export "[method]descriptor.set-size" (func (param "self" (borrow $d)) (param "size" u64) (result (result (error $ec)))))
    (export "[method]descriptor.read" (func (param "self" (borrow $d)) (param "length" u64) (param "offset" u64) (result (result (tuple (list u8) bool) (error $ec)))))
    (export "[method]descriptor.write" (func (param "self" (borrow $d)) (param "buffer" (list u8)) (param "offset" u64) (result (result u64 (error $ec)))))
    (export "[method]descriptor.read-directory" (func (param "self" (borrow $d)) (result (result (own $des) (error $ec)))))
    (export "[method]descriptor.create-directory-at" (func (param "self" (borrow $d)) (param "path" string) (result (result (error $ec)))))
    (export "[method]descriptor.stat" (func (param "self" (borrow $d)) (result (result $stat (error $ec)))))
    (export "[method]descriptor.stat-at" (func (param "self" (borrow $d)) (param "path-flags" $pf) (param "path" string) (result (result $stat (error $ec)))))
    (export "[method]descriptor.set-times-at" (func (param "self" (borrow $d)) (param "path-flags" $pf) (param "path" string) (param "data-access-timestamp" $nt) (param "data-modification-timestamp" $nt) (result (result (error $ec)))))
    (export "[method]descriptor.link-at" (func (param "self" (borrow $d)) (param "old-path-flags" $pf) (param "old-path" string) (param "new-descriptor" (borrow $d)) (param "new-path" string) (result (result (error $ec)))))
    (export "[method]descriptor.open-at" (func (param "self" (borrow $d)) (param "path-flags" $pf) (param "path" string) (param "open-flags" $of) (param "flags" $df) (result (result (own $d) (error $ec)))))
    (export "[method]descriptor.readlink-at" (func (param "self" (borrow $d)) (param "path" string) (result (result string (error $ec)))))
    (export "[method]descriptor.remove-directory-at" (func (param "self" (borrow $d)) (param "path" string) (result (result (error $ec)))))
    (export "[method]descriptor.rename-at" (func (param "self" (borrow $d)) (param "old-path" string) (param "new-descriptor" (borrow $d)) (param "new-path" string) (result (result (error $ec)))))
    (export "[method]descriptor.symlink-at" (func (param "self" (borrow $d)) (param "old-path" string) (param "new-path" string) (result (result (error $ec)))))
    (export "[method]descriptor.unlink-file-at" (func (param "self" (borrow $d)) (param "path" string) (result (result (error $ec)))))
    (export "[method]descriptor.is-same-object" (func (param "self" (borrow $d)) (param "other" (borrow $d)) (result bool)))
    (export "[method]descriptor.metadata-hash" (func (param "self" (borrow $d)) (result (result $mh (error $ec)))))
    (export "[method]descriptor.metadata-hash-at" (func (param "self" (borrow $d)) (param "path-flags" $pf) (param "path" string) (result (result $mh (error $ec)))))
    (export "[method]directory-entry-stream.read-directory-entry" (func (param "self" (borrow $des)) (result (result (option $de) (error $ec)))))))
  (alias export $types "descriptor" (type $descriptor))
  (alias export $types "directory-entry-stream" (type $directory-entry-stream))
  (import "wasi:filesystem/preopens@0.2.0" (instance $preopens
    (alias outer 1 $descriptor (type $d))
    (export "get-directories" (func (result (list (tuple (own $d) string)))))))

  ;; The memory and a bump allocator that never frees. Sizes are computed in 64 bits so that the memory can
  ;; grow to its full 4 GiB; an allocation that cannot be satisfied traps.
  (core module $libc
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 4096))
    (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
      (local $p i64) (local $end i64) (local $have i64)
      (local.set $p
        (i64.and
          (i64.add (i64.extend_i32_u (global.get $bump)) (i64.extend_i32_u (i32.sub (local.get $align) (i32.const 1))))
          (i64.xor (i64.extend_i32_u (i32.sub (local.get $align) (i32.const 1))) (i64.const -1))))
      (local.set $end (i64.add (local.get $p) (i64.extend_i32_u (local.get $size))))
      (if (i64.gt_u (local.get $end) (i64.const 0xFFFFFFFF)) (then unreachable))
      (local.set $have (i64.shl (i64.extend_i32_u (memory.size)) (i64.const 16)))
      (if (i64.gt_u (local.get $end) (local.get $have))
        (then
          (if (i32.eq
                (memory.grow (i32.wrap_i64 (i64.shr_u (i64.add (i64.sub (local.get $end) (local.get $have)) (i64.const 65535)) (i64.const 16))))
                (i32.const -1))
            (then unreachable))))
      (global.set $bump (i32.wrap_i64 (local.get $end)))
      (if (local.get $old)
        (then
          (memory.copy
            (i32.wrap_i64 (local.get $p))
            (local.get $old)
            (select (local.get $old-size) (local.get $size) (i32.lt_u (local.get $old-size) (local.get $size))))))
      (i32.wrap_i64 (local.get $p))))
  (core instance $libc (instantiate $libc))

  (core func $get-directories (canon lower (func $preopens "get-directories") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $open-at (canon lower (func $types "[method]descriptor.open-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $read (canon lower (func $types "[method]descriptor.read") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $write (canon lower (func $types "[method]descriptor.write") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $set-size (canon lower (func $types "[method]descriptor.set-size") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $stat-at (canon lower (func $types "[method]descriptor.stat-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $stat (canon lower (func $types "[method]descriptor.stat") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $create-directory-at (canon lower (func $types "[method]descriptor.create-directory-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $remove-directory-at (canon lower (func $types "[method]descriptor.remove-directory-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $unlink-file-at (canon lower (func $types "[method]descriptor.unlink-file-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $symlink-at (canon lower (func $types "[method]descriptor.symlink-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $readlink-at (canon lower (func $types "[method]descriptor.readlink-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $rename-at (canon lower (func $types "[method]descriptor.rename-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $link-at (canon lower (func $types "[method]descriptor.link-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $set-times-at (canon lower (func $types "[method]descriptor.set-times-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $read-directory (canon lower (func $types "[method]descriptor.read-directory") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $read-directory-entry (canon lower (func $types "[method]directory-entry-stream.read-directory-entry") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $metadata-hash-at (canon lower (func $types "[method]descriptor.metadata-hash-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $metadata-hash (canon lower (func $types "[method]descriptor.metadata-hash") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $is-same-object (canon lower (func $types "[method]descriptor.is-same-object")))
  (core func $write-via-stream (canon lower (func $types "[method]descriptor.write-via-stream") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $check-write (canon lower (func $streams "[method]output-stream.check-write") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $stream-write (canon lower (func $streams "[method]output-stream.write") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $write-and-flush (canon lower (func $streams "[method]output-stream.blocking-write-and-flush") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $blocking-flush (canon lower (func $streams "[method]output-stream.blocking-flush") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $get-stdout (canon lower (func $stdout "get-stdout")))
  (core func $subscribe-duration (canon lower (func $monotonic "subscribe-duration")))
  (core func $get-random-bytes (canon lower (func $random "get-random-bytes") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $wall-now (canon lower (func $wall-clock "now") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $drop-descriptor (canon resource.drop $descriptor))
  (core func $drop-directory-entry-stream (canon resource.drop $directory-entry-stream))
  (core func $drop-output (canon resource.drop $output-stream))
  (core func $drop-error (canon resource.drop $error-type))

  (core module $m
    (import "libc" "memory" (memory 1))
    (import "libc" "realloc" (func $realloc (param i32 i32 i32 i32) (result i32)))
    (import "wasi" "get-directories" (func $get-directories (param i32)))
    (import "wasi" "open-at" (func $open-at (param i32 i32 i32 i32 i32 i32 i32)))
    (import "wasi" "read" (func $read (param i32 i64 i64 i32)))
    (import "wasi" "write" (func $write (param i32 i32 i32 i64 i32)))
    (import "wasi" "set-size" (func $set-size (param i32 i64 i32)))
    (import "wasi" "stat-at" (func $stat-at (param i32 i32 i32 i32 i32)))
    (import "wasi" "stat" (func $stat (param i32 i32)))
    (import "wasi" "create-directory-at" (func $create-directory-at (param i32 i32 i32 i32)))
    (import "wasi" "remove-directory-at" (func $remove-directory-at (param i32 i32 i32 i32)))
    (import "wasi" "unlink-file-at" (func $unlink-file-at (param i32 i32 i32 i32)))
    (import "wasi" "symlink-at" (func $symlink-at (param i32 i32 i32 i32 i32 i32)))
    (import "wasi" "readlink-at" (func $readlink-at (param i32 i32 i32 i32)))
    (import "wasi" "rename-at" (func $rename-at (param i32 i32 i32 i32 i32 i32 i32)))
    (import "wasi" "link-at" (func $link-at (param i32 i32 i32 i32 i32 i32 i32 i32)))
    ;; self, path-flags, path, then each new-timestamp flattened as (case, seconds, nanoseconds), retptr
    (import "wasi" "set-times-at" (func $set-times-at (param i32 i32 i32 i32 i32 i64 i32 i32 i64 i32 i32)))
    (import "wasi" "read-directory" (func $read-directory (param i32 i32)))
    (import "wasi" "read-directory-entry" (func $read-directory-entry (param i32 i32)))
    (import "wasi" "metadata-hash-at" (func $metadata-hash-at (param i32 i32 i32 i32 i32)))
    (import "wasi" "metadata-hash" (func $metadata-hash (param i32 i32)))
    (import "wasi" "is-same-object" (func $is-same-object (param i32 i32) (result i32)))
    (import "wasi" "write-via-stream" (func $write-via-stream (param i32 i64 i32)))
    (import "wasi" "check-write" (func $check-write (param i32 i32)))
    (import "wasi" "stream-write" (func $stream-write (param i32 i32 i32 i32)))
    (import "wasi" "write-and-flush" (func $write-and-flush (param i32 i32 i32 i32)))
    (import "wasi" "blocking-flush" (func $blocking-flush (param i32 i32)))
    (import "wasi" "get-stdout" (func $get-stdout (result i32)))
    (import "wasi" "subscribe-duration" (func $subscribe-duration (param i64) (result i32)))
    (import "wasi" "get-random-bytes" (func $get-random-bytes (param i64 i32)))
    (import "wasi" "wall-now" (func $wall-now (param i32)))
    (import "wasi" "drop-descriptor" (func $drop-descriptor (param i32)))
    (import "wasi" "drop-directory-entry-stream" (func $drop-directory-entry-stream (param i32)))
    (import "wasi" "drop-output" (func $drop-output (param i32)))
    (import "wasi" "drop-error" (func $drop-error (param i32)))

    ;; Export results whose layout differs from the import's are built here.
    (global $ret i32 (i32.const 256))
    ;; Import results land here (up to 104 bytes: result<descriptor-stat, error-code>).
    (global $area i32 (i32.const 512))
    ;; A second area for stream and directory-entry results (up to 20 bytes).
    (global $area2 i32 (i32.const 768))

    ;; Reads a stream operation's result at $at (a nonzero first byte is an error) whose stream-error
    ;; sits at $se: returns 0 on success, else 1 after dropping the error resource of last-operation-failed.
    (func $stream-failed (param $at i32) (param $se i32) (result i32)
      (if (i32.eqz (i32.load8_u (local.get $at))) (then (return (i32.const 0))))
      (if (i32.eqz (i32.load8_u (local.get $se)))
        (then (call $drop-error (i32.load (i32.add (local.get $se) (i32.const 4))))))
      (i32.const 1))

    ;; A new buffer of $n bytes, each $byte.
    (func $buffer (param $n i32) (param $byte i32) (result i32) (local $p i32)
      (local.set $p (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $n)))
      (memory.fill (local.get $p) (local.get $byte) (local.get $n))
      (local.get $p))

    ;; preopens() -> list<u32>: the tuples' handles are packed in place (4 bytes each over 12), the names dropped.
    (func (export "preopens") (result i32) (local $list i32) (local $count i32) (local $i i32)
      (call $get-directories (global.get $area))
      (local.set $list (i32.load (global.get $area)))
      (local.set $count (i32.load offset=4 (global.get $area)))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (i32.store
          (i32.add (local.get $list) (i32.shl (local.get $i) (i32.const 2)))
          (i32.load (i32.add (local.get $list) (i32.mul (local.get $i) (i32.const 12)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (i32.store (global.get $ret) (local.get $list))
      (i32.store offset=4 (global.get $ret) (local.get $count))
      (global.get $ret))

    ;; The following return the import's result area as it is: its layout coincides with the export's.

    ;; open-at(dir, path-flags, path, open-flags, flags) -> result<u32, u8>
    (func (export "open-at") (param $dir i32) (param $pf i32) (param $p i32) (param $n i32) (param $of i32) (param $fl i32) (result i32)
      (call $open-at (local.get $dir) (local.get $pf) (local.get $p) (local.get $n) (local.get $of) (local.get $fl) (global.get $area))
      (global.get $area))
    ;; read(fd, len, offset) -> result<list<u8>, u8>: the end-of-file bool at offset 12 is left out.
    (func (export "read") (param $fd i32) (param $len i64) (param $off i64) (result i32)
      (call $read (local.get $fd) (local.get $len) (local.get $off) (global.get $area))
      (global.get $area))
    ;; write(fd, data, offset) -> result<u64, u8>
    (func (export "write") (param $fd i32) (param $p i32) (param $n i32) (param $off i64) (result i32)
      (call $write (local.get $fd) (local.get $p) (local.get $n) (local.get $off) (global.get $area))
      (global.get $area))
    ;; write-from(fd, ptr, len, offset) -> result<u64, u8>: any address and length, unchecked.
    (func (export "write-from") (param $fd i32) (param $p i32) (param $n i32) (param $off i64) (result i32)
      (call $write (local.get $fd) (local.get $p) (local.get $n) (local.get $off) (global.get $area))
      (global.get $area))
    ;; set-size(fd, size) -> result<_, u8>
    (func (export "set-size") (param $fd i32) (param $size i64) (result i32)
      (call $set-size (local.get $fd) (local.get $size) (global.get $area))
      (global.get $area))
    ;; create-directory-at(dir, path) -> result<_, u8>
    (func (export "create-directory-at") (param $dir i32) (param $p i32) (param $n i32) (result i32)
      (call $create-directory-at (local.get $dir) (local.get $p) (local.get $n) (global.get $area))
      (global.get $area))
    ;; remove-directory-at(dir, path) -> result<_, u8>
    (func (export "remove-directory-at") (param $dir i32) (param $p i32) (param $n i32) (result i32)
      (call $remove-directory-at (local.get $dir) (local.get $p) (local.get $n) (global.get $area))
      (global.get $area))
    ;; unlink-file-at(dir, path) -> result<_, u8>
    (func (export "unlink-file-at") (param $dir i32) (param $p i32) (param $n i32) (result i32)
      (call $unlink-file-at (local.get $dir) (local.get $p) (local.get $n) (global.get $area))
      (global.get $area))
    ;; symlink-at(dir, old, new) -> result<_, u8>
    (func (export "symlink-at") (param $dir i32) (param $op i32) (param $on i32) (param $np i32) (param $nn i32) (result i32)
      (call $symlink-at (local.get $dir) (local.get $op) (local.get $on) (local.get $np) (local.get $nn) (global.get $area))
      (global.get $area))
    ;; readlink-at(dir, path) -> result<string, u8>
    (func (export "readlink-at") (param $dir i32) (param $p i32) (param $n i32) (result i32)
      (call $readlink-at (local.get $dir) (local.get $p) (local.get $n) (global.get $area))
      (global.get $area))
    ;; rename-at(dir, old, dir2, new) -> result<_, u8>
    (func (export "rename-at") (param $dir i32) (param $op i32) (param $on i32) (param $dir2 i32) (param $np i32) (param $nn i32) (result i32)
      (call $rename-at (local.get $dir) (local.get $op) (local.get $on) (local.get $dir2) (local.get $np) (local.get $nn) (global.get $area))
      (global.get $area))
    ;; link-at(dir, path-flags, old, dir2, new) -> result<_, u8>
    (func (export "link-at") (param $dir i32) (param $pf i32) (param $op i32) (param $on i32) (param $dir2 i32) (param $np i32) (param $nn i32) (result i32)
      (call $link-at (local.get $dir) (local.get $pf) (local.get $op) (local.get $on) (local.get $dir2) (local.get $np) (local.get $nn) (global.get $area))
      (global.get $area))
    ;; set-times-at(dir, path-flags, path) -> result<_, u8>: both timestamps `now` (case 1).
    (func (export "set-times-at") (param $dir i32) (param $pf i32) (param $p i32) (param $n i32) (result i32)
      (call $set-times-at (local.get $dir) (local.get $pf) (local.get $p) (local.get $n)
        (i32.const 1) (i64.const 0) (i32.const 0)
        (i32.const 1) (i64.const 0) (i32.const 0)
        (global.get $area))
      (global.get $area))
    ;; metadata-hash-at(dir, path-flags, path) -> result<tuple<u64, u64>, u8>
    (func (export "metadata-hash-at") (param $dir i32) (param $pf i32) (param $p i32) (param $n i32) (result i32)
      (call $metadata-hash-at (local.get $dir) (local.get $pf) (local.get $p) (local.get $n) (global.get $area))
      (global.get $area))
    ;; metadata-hash(fd) -> result<tuple<u64, u64>, u8>
    (func (export "metadata-hash") (param $fd i32) (result i32)
      (call $metadata-hash (local.get $fd) (global.get $area))
      (global.get $area))
    ;; is-same-object(a, b) -> bool
    (func (export "is-same-object") (param $a i32) (param $b i32) (result i32)
      (call $is-same-object (local.get $a) (local.get $b)))
    ;; drop-descriptor(fd)
    (func (export "drop-descriptor") (param $fd i32)
      (call $drop-descriptor (local.get $fd)))

    ;; stat-at(dir, path-flags, path) -> result<u8, u8>: the descriptor-stat's type (or the error) at offset 8
    ;; moves to the export's payload at offset 1.
    (func (export "stat-at") (param $dir i32) (param $pf i32) (param $p i32) (param $n i32) (result i32)
      (call $stat-at (local.get $dir) (local.get $pf) (local.get $p) (local.get $n) (global.get $area))
      (i32.store8 (global.get $ret) (i32.load8_u (global.get $area)))
      (i32.store8 offset=1 (global.get $ret) (i32.load8_u offset=8 (global.get $area)))
      (global.get $ret))
    ;; stat(fd) -> result<tuple<u8, u64>, u8>: the type stays at offset 8; the size moves from 24 to 16.
    (func (export "stat") (param $fd i32) (result i32)
      (call $stat (local.get $fd) (global.get $area))
      (i64.store offset=16 (global.get $area) (i64.load offset=24 (global.get $area)))
      (global.get $area))

    ;; read-directory(dir) -> result<list<string>, u8>: every entry's name, until the stream has none.
    (func (export "read-directory") (param $dir i32) (result i32)
      (local $stream i32) (local $list i32) (local $count i32) (local $capacity i32)
      (call $read-directory (local.get $dir) (global.get $area))
      (if (i32.load8_u (global.get $area))
        (then
          ;; result<own<directory-entry-stream>, error-code>: the error at offset 4, where the export wants it
          (return (global.get $area))))
      (local.set $stream (i32.load offset=4 (global.get $area)))
      (block $done (loop $next
        ;; result<option<directory-entry>, error-code>: option case at 4, name at 12 (pointer) and 16 (length)
        (call $read-directory-entry (local.get $stream) (global.get $area2))
        (if (i32.load8_u (global.get $area2))
          (then
            (call $drop-directory-entry-stream (local.get $stream))
            (i32.store8 (global.get $ret) (i32.const 1))
            (i32.store8 offset=4 (global.get $ret) (i32.load8_u offset=4 (global.get $area2)))
            (return (global.get $ret))))
        (br_if $done (i32.eqz (i32.load8_u offset=4 (global.get $area2))))
        (if (i32.eq (local.get $count) (local.get $capacity))
          (then
            (local.set $capacity (select (i32.shl (local.get $capacity) (i32.const 1)) (i32.const 8) (local.get $capacity)))
            (local.set $list (call $realloc (local.get $list) (i32.shl (local.get $count) (i32.const 3)) (i32.const 4) (i32.shl (local.get $capacity) (i32.const 3))))))
        (i64.store
          (i32.add (local.get $list) (i32.shl (local.get $count) (i32.const 3)))
          (i64.load offset=12 (global.get $area2)))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (br $next)))
      (call $drop-directory-entry-stream (local.get $stream))
      (i32.store8 (global.get $ret) (i32.const 0))
      (i32.store offset=4 (global.get $ret) (local.get $list))
      (i32.store offset=8 (global.get $ret) (local.get $count))
      (global.get $ret))

    ;; Writes $n bytes at $p to the output stream: check-write, write what is permitted, and repeat (a zero
    ;; permit gets one blocking-flush before it counts as a failure); then blocking-flush. 0 on success, 1 on
    ;; a stream error.
    (func $pump (param $s i32) (param $p i32) (param $n i32) (result i32) (local $permit i64) (local $chunk i32)
      (block $done (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        ;; result<u64, stream-error>: the permit or the stream-error at offset 8
        (call $check-write (local.get $s) (global.get $area2))
        (if (call $stream-failed (global.get $area2) (i32.add (global.get $area2) (i32.const 8))) (then (return (i32.const 1))))
        (local.set $permit (i64.load offset=8 (global.get $area2)))
        (if (i64.eqz (local.get $permit))
          (then
            (call $blocking-flush (local.get $s) (global.get $area2))
            (if (call $stream-failed (global.get $area2) (i32.add (global.get $area2) (i32.const 4))) (then (return (i32.const 1))))
            (call $check-write (local.get $s) (global.get $area2))
            (if (call $stream-failed (global.get $area2) (i32.add (global.get $area2) (i32.const 8))) (then (return (i32.const 1))))
            (local.set $permit (i64.load offset=8 (global.get $area2)))
            (if (i64.eqz (local.get $permit)) (then (return (i32.const 1))))))
        (local.set $chunk
          (select (local.get $n) (i32.wrap_i64 (local.get $permit))
            (i64.ge_u (local.get $permit) (i64.extend_i32_u (local.get $n)))))
        (call $stream-write (local.get $s) (local.get $p) (local.get $chunk) (global.get $area2))
        (if (call $stream-failed (global.get $area2) (i32.add (global.get $area2) (i32.const 4))) (then (return (i32.const 1))))
        (local.set $p (i32.add (local.get $p) (local.get $chunk)))
        (local.set $n (i32.sub (local.get $n) (local.get $chunk)))
        (br $next)))
      (call $blocking-flush (local.get $s) (global.get $area2))
      (call $stream-failed (global.get $area2) (i32.add (global.get $area2) (i32.const 4))))

    ;; write-via-stream(fd, offset, data) -> result<_, u8>: 255 reports a stream error.
    (func (export "write-via-stream") (param $fd i32) (param $off i64) (param $p i32) (param $n i32) (result i32) (local $s i32) (local $failed i32)
      (call $write-via-stream (local.get $fd) (local.get $off) (global.get $area))
      (if (i32.load8_u (global.get $area))
        (then
          (i32.store8 (global.get $ret) (i32.const 1))
          (i32.store8 offset=1 (global.get $ret) (i32.load8_u offset=4 (global.get $area)))
          (return (global.get $ret))))
      (local.set $s (i32.load offset=4 (global.get $area)))
      (local.set $failed (call $pump (local.get $s) (local.get $p) (local.get $n)))
      (call $drop-output (local.get $s))
      (i32.store8 (global.get $ret) (local.get $failed))
      (i32.store8 offset=1 (global.get $ret) (i32.const 255))
      (global.get $ret))

    ;; stdout-flood(chunk, times) -> u32: up to $times blocking-write-and-flush calls of $chunk bytes ('A')
    ;; on one stdout stream, stopping at the first error; the number that succeeded.
    (func (export "stdout-flood") (param $chunk i32) (param $times i32) (result i32) (local $buf i32) (local $s i32) (local $count i32)
      (local.set $buf (call $buffer (local.get $chunk) (i32.const 0x41)))
      (local.set $s (call $get-stdout))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $count) (local.get $times)))
        (call $write-and-flush (local.get $s) (local.get $buf) (local.get $chunk) (global.get $area2))
        (br_if $done (call $stream-failed (global.get $area2) (i32.add (global.get $area2) (i32.const 4))))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (br $next)))
      (call $drop-output (local.get $s))
      (local.get $count))

    ;; stdout-check-write() -> u64: what check-write permits on a fresh stdout stream; u64::MAX on an error.
    (func (export "stdout-check-write") (result i64) (local $s i32) (local $permit i64)
      (local.set $s (call $get-stdout))
      (call $check-write (local.get $s) (global.get $area2))
      (local.set $permit
        (if (result i64) (call $stream-failed (global.get $area2) (i32.add (global.get $area2) (i32.const 8)))
          (then (i64.const -1))
          (else (i64.load offset=8 (global.get $area2)))))
      (call $drop-output (local.get $s))
      (local.get $permit))

    ;; stdout-write-unchecked(n) -> u32: a plain (non-blocking) write of $n bytes ('B') without check-write
    ;; first; 0 when it succeeded, 1 on a stream error.
    (func (export "stdout-write-unchecked") (param $n i32) (result i32) (local $buf i32) (local $s i32) (local $failed i32)
      (local.set $buf (call $buffer (local.get $n) (i32.const 0x42)))
      (local.set $s (call $get-stdout))
      (call $stream-write (local.get $s) (local.get $buf) (local.get $n) (global.get $area2))
      (local.set $failed (call $stream-failed (global.get $area2) (i32.add (global.get $area2) (i32.const 4))))
      (call $drop-output (local.get $s))
      (local.get $failed))

    ;; get-stdout-many(n) -> u32: $n stdout streams, never dropped.
    (func (export "get-stdout-many") (param $n i32) (result i32) (local $i i32)
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (drop (call $get-stdout))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (local.get $n))

    ;; subscribe-many(n) -> u32: $n pollables (subscribe-duration(0)), never dropped.
    (func (export "subscribe-many") (param $n i32) (result i32) (local $i i32)
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (drop (call $subscribe-duration (i64.const 0)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (local.get $n))

    ;; open-many(dir, path, n) -> result<u32, tuple<u32, u8>>: opens the path read-only (no path flags, no
    ;; open flags, descriptor-flags read) $n times without dropping; ok($n), or the number opened before the
    ;; first failure with its error code.
    (func (export "open-many") (param $dir i32) (param $p i32) (param $len i32) (param $n i32) (result i32) (local $i i32)
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (call $open-at (local.get $dir) (i32.const 0) (local.get $p) (local.get $len) (i32.const 0) (i32.const 1) (global.get $area))
        (if (i32.load8_u (global.get $area))
          (then
            (i32.store8 (global.get $ret) (i32.const 1))
            (i32.store offset=4 (global.get $ret) (local.get $i))
            (i32.store8 offset=8 (global.get $ret) (i32.load8_u offset=4 (global.get $area)))
            (return (global.get $ret))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (i32.store8 (global.get $ret) (i32.const 0))
      (i32.store offset=4 (global.get $ret) (local.get $n))
      (global.get $ret))

    ;; grow(pages) -> s32: memory.grow's answer (the old size in pages, or -1).
    (func (export "grow") (param $pages i32) (result i32)
      (memory.grow (local.get $pages)))

    ;; random(len) -> u32: the length of the list get-random-bytes returned.
    (func (export "random") (param $len i64) (result i32)
      (call $get-random-bytes (local.get $len) (global.get $area))
      (i32.load offset=4 (global.get $area)))

    ;; now() -> u64: the wall clock's seconds.
    (func (export "now") (result i64)
      (call $wall-now (global.get $area))
      (i64.load (global.get $area))))
  (core instance $i (instantiate $m
    (with "libc" (instance $libc))
    (with "wasi" (instance
      (export "get-directories" (func $get-directories))
      (export "open-at" (func $open-at))
      (export "read" (func $read))
      (export "write" (func $write))
      (export "set-size" (func $set-size))
      (export "stat-at" (func $stat-at))
      (export "stat" (func $stat))
      (export "create-directory-at" (func $create-directory-at))
      (export "remove-directory-at" (func $remove-directory-at))
      (export "unlink-file-at" (func $unlink-file-at))
      (export "symlink-at" (func $symlink-at))
      (export "readlink-at" (func $readlink-at))
      (export "rename-at" (func $rename-at))
      (export "link-at" (func $link-at))
      (export "set-times-at" (func $set-times-at))
      (export "read-directory" (func $read-directory))
      (export "read-directory-entry" (func $read-directory-entry))
      (export "metadata-hash-at" (func $metadata-hash-at))
      (export "metadata-hash" (func $metadata-hash))
      (export "is-same-object" (func $is-same-object))
      (export "write-via-stream" (func $write-via-stream))
      (export "check-write" (func $check-write))
      (export "stream-write" (func $stream-write))
      (export "write-and-flush" (func $write-and-flush))
      (export "blocking-flush" (func $blocking-flush))
      (export "get-stdout" (func $get-stdout))
      (export "subscribe-duration" (func $subscribe-duration))
      (export "get-random-bytes" (func $get-random-bytes))
      (export "wall-now" (func $wall-now))
      (export "drop-descriptor" (func $drop-descriptor))
      (export "drop-directory-entry-stream" (func $drop-directory-entry-stream))
      (export "drop-output" (func $drop-output))
      (export "drop-error" (func $drop-error))))))

  (func $preopens (result (list u32))
    (canon lift (core func $i "preopens") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $open-at (param "dir" u32) (param "path-flags" u8) (param "path" string) (param "open-flags" u8) (param "flags" u8) (result (result u32 (error u8)))
    (canon lift (core func $i "open-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $read (param "fd" u32) (param "len" u64) (param "offset" u64) (result (result (list u8) (error u8)))
    (canon lift (core func $i "read") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $write (param "fd" u32) (param "data" (list u8)) (param "offset" u64) (result (result u64 (error u8)))
    (canon lift (core func $i "write") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $write-from (param "fd" u32) (param "ptr" u32) (param "len" u32) (param "offset" u64) (result (result u64 (error u8)))
    (canon lift (core func $i "write-from") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $set-size (param "fd" u32) (param "size" u64) (result (result (error u8)))
    (canon lift (core func $i "set-size") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $stat-at (param "dir" u32) (param "path-flags" u8) (param "path" string) (result (result u8 (error u8)))
    (canon lift (core func $i "stat-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $stat (param "fd" u32) (result (result (tuple u8 u64) (error u8)))
    (canon lift (core func $i "stat") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $create-directory-at (param "dir" u32) (param "path" string) (result (result (error u8)))
    (canon lift (core func $i "create-directory-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $remove-directory-at (param "dir" u32) (param "path" string) (result (result (error u8)))
    (canon lift (core func $i "remove-directory-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $unlink-file-at (param "dir" u32) (param "path" string) (result (result (error u8)))
    (canon lift (core func $i "unlink-file-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $symlink-at (param "dir" u32) (param "old" string) (param "new" string) (result (result (error u8)))
    (canon lift (core func $i "symlink-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $readlink-at (param "dir" u32) (param "path" string) (result (result string (error u8)))
    (canon lift (core func $i "readlink-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $rename-at (param "dir" u32) (param "old" string) (param "dir2" u32) (param "new" string) (result (result (error u8)))
    (canon lift (core func $i "rename-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $link-at (param "dir" u32) (param "path-flags" u8) (param "old" string) (param "dir2" u32) (param "new" string) (result (result (error u8)))
    (canon lift (core func $i "link-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $set-times-at (param "dir" u32) (param "path-flags" u8) (param "path" string) (result (result (error u8)))
    (canon lift (core func $i "set-times-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $read-directory (param "dir" u32) (result (result (list string) (error u8)))
    (canon lift (core func $i "read-directory") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $metadata-hash-at (param "dir" u32) (param "path-flags" u8) (param "path" string) (result (result (tuple u64 u64) (error u8)))
    (canon lift (core func $i "metadata-hash-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $metadata-hash (param "fd" u32) (result (result (tuple u64 u64) (error u8)))
    (canon lift (core func $i "metadata-hash") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $is-same-object (param "a" u32) (param "b" u32) (result bool)
    (canon lift (core func $i "is-same-object")))
  (func $write-via-stream (param "fd" u32) (param "offset" u64) (param "data" (list u8)) (result (result (error u8)))
    (canon lift (core func $i "write-via-stream") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $drop-descriptor (param "fd" u32)
    (canon lift (core func $i "drop-descriptor")))
  (func $stdout-flood (param "chunk" u32) (param "times" u32) (result u32)
    (canon lift (core func $i "stdout-flood")))
  (func $stdout-check-write (result u64)
    (canon lift (core func $i "stdout-check-write")))
  (func $stdout-write-unchecked (param "n" u32) (result u32)
    (canon lift (core func $i "stdout-write-unchecked")))
  (func $get-stdout-many (param "n" u32) (result u32)
    (canon lift (core func $i "get-stdout-many")))
  (func $subscribe-many (param "n" u32) (result u32)
    (canon lift (core func $i "subscribe-many")))
  (func $open-many (param "dir" u32) (param "path" string) (param "n" u32) (result (result u32 (error (tuple u32 u8))))
    (canon lift (core func $i "open-many") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $grow (param "pages" u32) (result s32)
    (canon lift (core func $i "grow")))
  (func $random (param "len" u64) (result u32)
    (canon lift (core func $i "random") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $now (result u64)
    (canon lift (core func $i "now") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (export "preopens" (func $preopens))
  (export "open-at" (func $open-at))
  (export "read" (func $read))
  (export "write" (func $write))
  (export "write-from" (func $write-from))
  (export "set-size" (func $set-size))
  (export "stat-at" (func $stat-at))
  (export "stat" (func $stat))
  (export "create-directory-at" (func $create-directory-at))
  (export "remove-directory-at" (func $remove-directory-at))
  (export "unlink-file-at" (func $unlink-file-at))
  (export "symlink-at" (func $symlink-at))
  (export "readlink-at" (func $readlink-at))
  (export "rename-at" (func $rename-at))
  (export "link-at" (func $link-at))
  (export "set-times-at" (func $set-times-at))
  (export "read-directory" (func $read-directory))
  (export "metadata-hash-at" (func $metadata-hash-at))
  (export "metadata-hash" (func $metadata-hash))
  (export "is-same-object" (func $is-same-object))
  (export "write-via-stream" (func $write-via-stream))
  (export "drop-descriptor" (func $drop-descriptor))
  (export "stdout-flood" (func $stdout-flood))
  (export "stdout-check-write" (func $stdout-check-write))
  (export "stdout-write-unchecked" (func $stdout-write-unchecked))
  (export "get-stdout-many" (func $get-stdout-many))
  (export "subscribe-many" (func $subscribe-many))
  (export "open-many" (func $open-many))
  (export "grow" (func $grow))
  (export "random" (func $random))
  (export "now" (func $now)))
