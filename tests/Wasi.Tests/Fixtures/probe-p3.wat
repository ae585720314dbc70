;; A WASI 0.3 probe written by hand per the canonical ABI: it imports WASI interfaces at version 0.3.0 and exports
;; one function per scenario, so tests call the 0.3 host through a real guest: arguments, environment, exit, the
;; monotonic clock's async wait, the system clock, random bytes, sockets and name lookup (denied) and files below the
;; first preopened directory. Exports that call async imports are async (stackful lifts that end with task.return):
;; a task of a synchronous type may not block.
(component
  (import "wasi:cli/environment@0.3.0" (instance $environment
    (export "get-environment" (func (result (list (tuple string string)))))
    (export "get-arguments" (func (result (list string))))
    (export "get-initial-cwd" (func (result (option string))))))
  (import "wasi:cli/exit@0.3.0" (instance $exit
    (export "exit-with-code" (func (param "status-code" u8)))))
  (import "wasi:clocks/monotonic-clock@0.3.0" (instance $monotonic
    (export "now" (func (result u64)))
    (export "wait-for" (func async (param "how-long" u64)))))
  (import "wasi:clocks/system-clock@0.3.0" (instance $system
    (type $instant (record (field "seconds" s64) (field "nanoseconds" u32)))
    (export "instant" (type $i (eq $instant)))
    (export "now" (func (result $i)))))
  (import "wasi:random/random@0.3.0" (instance $random
    (export "get-random-bytes" (func (param "max-len" u64) (result (list u8))))))
  (import "wasi:sockets/types@0.3.0" (instance $sockets
    (export "tcp-socket" (type $tcp (sub resource)))
    (type $error-code (variant (case "access-denied") (case "not-supported") (case "invalid-argument") (case "out-of-memory") (case "timeout") (case "invalid-state") (case "address-not-bindable") (case "address-in-use") (case "remote-unreachable") (case "connection-refused") (case "connection-broken") (case "connection-reset") (case "connection-aborted") (case "datagram-too-large") (case "other" (option string))))
    (export "error-code" (type $e (eq $error-code)))
    (type $family (enum "ipv4" "ipv6"))
    (export "ip-address-family" (type $f (eq $family)))
    (export "[static]tcp-socket.create" (func (param "address-family" $f) (result (result (own $tcp) (error $e)))))))
  (import "wasi:sockets/ip-name-lookup@0.3.0" (instance $lookup
    (type $error-code (variant (case "access-denied") (case "invalid-argument") (case "name-unresolvable") (case "temporary-resolver-failure") (case "permanent-resolver-failure") (case "other" (option string))))
    (export "error-code" (type $e (eq $error-code)))
    (type $ip-address (variant (case "ipv4" (tuple u8 u8 u8 u8)) (case "ipv6" (tuple u16 u16 u16 u16 u16 u16 u16 u16))))
    (export "ip-address" (type $a (eq $ip-address)))
    (export "resolve-addresses" (func async (param "name" string) (result (result (list $a) (error $e)))))))
  (import "wasi:filesystem/types@0.3.0" (instance $types
    (export "descriptor" (type $d (sub resource)))
    (type $error-code (variant (case "access") (case "already") (case "bad-descriptor") (case "busy") (case "deadlock") (case "quota") (case "exist") (case "file-too-large") (case "illegal-byte-sequence") (case "in-progress") (case "interrupted") (case "invalid") (case "io") (case "is-directory") (case "loop") (case "too-many-links") (case "message-size") (case "name-too-long") (case "no-device") (case "no-entry") (case "no-lock") (case "insufficient-memory") (case "insufficient-space") (case "not-directory") (case "not-empty") (case "not-recoverable") (case "unsupported") (case "no-tty") (case "no-such-device") (case "overflow") (case "not-permitted") (case "pipe") (case "read-only") (case "invalid-seek") (case "text-file-busy") (case "cross-device") (case "other" (option string))))
    (export "error-code" (type $ec (eq $error-code)))
    (type $path-flags (flags "symlink-follow"))
    (export "path-flags" (type $pf (eq $path-flags)))
    (type $open-flags (flags "create" "directory" "exclusive" "truncate"))
    (export "open-flags" (type $of (eq $open-flags)))
    (type $descriptor-flags (flags "read" "write" "file-integrity-sync" "data-integrity-sync" "requested-write-sync" "mutate-directory"))
    (export "descriptor-flags" (type $df (eq $descriptor-flags)))
    (type $instant (record (field "seconds" s64) (field "nanoseconds" u32)))
    (export "instant" (type $i (eq $instant)))
    (type $descriptor-type (variant (case "block-device") (case "character-device") (case "directory") (case "fifo") (case "symbolic-link") (case "regular-file") (case "socket") (case "other" (option string))))
    (export "descriptor-type" (type $dt (eq $descriptor-type)))
    (type $descriptor-stat (record (field "type" $dt) (field "link-count" u64) (field "size" u64)
      (field "data-access-timestamp" (option $i)) (field "data-modification-timestamp" (option $i)) (field "status-change-timestamp" (option $i))))
    (export "descriptor-stat" (type $ds (eq $descriptor-stat)))
    (export "[method]descriptor.open-at" (func async (param "self" (borrow $d)) (param "path-flags" $pf) (param "path" string) (param "open-flags" $of) (param "flags" $df) (result (result (own $d) (error $ec)))))
    (export "[method]descriptor.stat" (func async (param "self" (borrow $d)) (result (result $ds (error $ec)))))))
  (alias export $types "descriptor" (type $descriptor))
  (import "wasi:filesystem/preopens@0.3.0" (instance $preopens
    (alias outer 1 $descriptor (type $d))
    (export "get-directories" (func (result (list (tuple (own $d) string)))))))

  ;; A memory and a bump allocator that never frees.
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

  (core func $get-environment (canon lower (func $environment "get-environment") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $get-arguments (canon lower (func $environment "get-arguments") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $get-initial-cwd (canon lower (func $environment "get-initial-cwd") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $exit-with-code (canon lower (func $exit "exit-with-code")))
  (core func $now (canon lower (func $monotonic "now")))
  (core func $wait-for (canon lower (func $monotonic "wait-for")))
  (core func $system-now (canon lower (func $system "now") (memory (core memory $libc "memory"))))
  (core func $get-random-bytes (canon lower (func $random "get-random-bytes") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $tcp-create (canon lower (func $sockets "[static]tcp-socket.create") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $resolve (canon lower (func $lookup "resolve-addresses") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $get-directories (canon lower (func $preopens "get-directories") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $open-at (canon lower (func $types "[method]descriptor.open-at") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $stat (canon lower (func $types "[method]descriptor.stat") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $drop-descriptor (canon resource.drop $descriptor))
  (core func $return-s32 (canon task.return (result s32)))
  (core func $return-s64 (canon task.return (result s64)))
  (core func $return-u32 (canon task.return (result u32)))
  (core func $return-u64 (canon task.return (result u64)))

  (core module $m
    (import "libc" "memory" (memory 1))
    (import "wasi" "get-environment" (func $get-environment (param i32)))
    (import "wasi" "get-arguments" (func $get-arguments (param i32)))
    (import "wasi" "get-initial-cwd" (func $get-initial-cwd (param i32)))
    (import "wasi" "exit-with-code" (func $exit-with-code (param i32)))
    (import "wasi" "now" (func $now (result i64)))
    (import "wasi" "wait-for" (func $wait-for (param i64)))
    (import "wasi" "system-now" (func $system-now (param i32)))
    (import "wasi" "get-random-bytes" (func $get-random-bytes (param i64 i32)))
    (import "wasi" "tcp-create" (func $tcp-create (param i32 i32)))
    (import "wasi" "resolve" (func $resolve (param i32 i32 i32)))
    (import "wasi" "get-directories" (func $get-directories (param i32)))
    (import "wasi" "open-at" (func $open-at (param i32 i32 i32 i32 i32 i32 i32)))
    (import "wasi" "stat" (func $stat (param i32 i32)))
    (import "wasi" "drop-descriptor" (func $drop-descriptor (param i32)))
    (import "wasi" "return-s32" (func $return-s32 (param i32)))
    (import "wasi" "return-s64" (func $return-s64 (param i64)))
    (import "wasi" "return-u32" (func $return-u32 (param i32)))
    (import "wasi" "return-u64" (func $return-u64 (param i64)))
    ;; The first preopened directory's handle (0: none yet).
    (global $dir (mut i32) (i32.const 0))

    ;; args() -> list<string>, env() -> list<tuple<string, string>>, cwd() -> option<string>: what the host returned.
    (func (export "args") (result i32) (call $get-arguments (i32.const 16)) (i32.const 16))
    (func (export "env") (result i32) (call $get-environment (i32.const 16)) (i32.const 16))
    (func (export "cwd") (result i32) (call $get-initial-cwd (i32.const 16)) (i32.const 16))
    ;; exit(code: u8)
    (func (export "exit") (param $code i32) (call $exit-with-code (local.get $code)))
    ;; system-now() -> tuple<s64, u32>
    (func (export "system-now") (result i32) (call $system-now (i32.const 16)) (i32.const 16))
    ;; random(len: u64) -> list<u8>
    (func (export "random") (param $len i64) (result i32) (call $get-random-bytes (local.get $len) (i32.const 16)) (i32.const 16))
    ;; elapsed(ns: u64) -> u64 (async): waits ns on the monotonic clock and returns how long it took by that clock.
    (func (export "elapsed") (param $ns i64) (local $start i64)
      (local.set $start (call $now))
      (call $wait-for (local.get $ns))
      (call $return-u64 (i64.sub (call $now) (local.get $start))))
    ;; tcp() -> u32: the result's discriminant << 8 | the error case.
    (func (export "tcp") (result i32)
      (call $tcp-create (i32.const 0) (i32.const 16))
      (i32.or (i32.shl (i32.load8_u (i32.const 16)) (i32.const 8)) (i32.load8_u (i32.const 20))))
    ;; resolve(name: string) -> u32 (async): the result's discriminant << 8 | the error case.
    (func (export "resolve") (param $p i32) (param $n i32)
      (call $resolve (local.get $p) (local.get $n) (i32.const 16))
      (call $return-u32 (i32.or (i32.shl (i32.load8_u (i32.const 16)) (i32.const 8)) (i32.load8_u (i32.const 20)))))
    ;; preopens() -> u32: how many directories; keeps the first one's handle.
    (func (export "preopens") (result i32)
      (call $get-directories (i32.const 16))
      (if (i32.load (i32.const 20)) (then (global.set $dir (i32.load (i32.load (i32.const 16))))))
      (i32.load (i32.const 20)))
    ;; open(path: string, flags: u32) -> s32 (async): opens below the first preopen (descriptor flags in bits 0-7: 1
    ;; read, 2 write; open flags in bits 8-15; path flags in bits 16-23); the new handle, or -1 - the error case.
    (func (export "open") (param $p i32) (param $n i32) (param $flags i32)
      (call $return-s32 (call $open (local.get $p) (local.get $n) (local.get $flags))))
    (func $open (param $p i32) (param $n i32) (param $flags i32) (result i32)
      (call $open-at (global.get $dir) (i32.shr_u (local.get $flags) (i32.const 16)) (local.get $p) (local.get $n)
        (i32.and (i32.shr_u (local.get $flags) (i32.const 8)) (i32.const 255)) (i32.and (local.get $flags) (i32.const 255)) (i32.const 32))
      (if (result i32) (i32.load8_u (i32.const 32))
        (then (i32.sub (i32.const -1) (i32.load8_u (i32.const 36))))
        (else (i32.load (i32.const 36)))))
    ;; size(path: string, follow: bool) -> s64 (async): opens the file for reading (following a final symbolic link
    ;; when asked) and returns the size its stat reports, or -1 - the error case.
    (func (export "size") (param $p i32) (param $n i32) (param $follow i32) (local $h i32)
      (local.set $h (call $open (local.get $p) (local.get $n) (i32.or (i32.const 1) (i32.shl (local.get $follow) (i32.const 16)))))
      (if (i32.lt_s (local.get $h) (i32.const 0)) (then
        (call $return-s64 (i64.extend_i32_s (local.get $h)))
        (return)))
      (call $stat (local.get $h) (i32.const 64))
      (call $drop-descriptor (local.get $h))
      (if (i32.load8_u (i32.const 64)) (then
        (call $return-s64 (i64.sub (i64.const -1) (i64.load8_u (i32.const 72))))
        (return)))
      (call $return-s64 (i64.load (i32.const 96))))
    ;; stat-handle(handle: u32) -> s64 (async): the size a handle's stat reports (a hostile guest passes any number).
    (func (export "stat-handle") (param $h i32)
      (call $stat (local.get $h) (i32.const 64))
      (call $return-s64 (i64.load (i32.const 96)))))
  (core instance $i (instantiate $m
    (with "libc" (instance $libc))
    (with "wasi" (instance
      (export "get-environment" (func $get-environment))
      (export "get-arguments" (func $get-arguments))
      (export "get-initial-cwd" (func $get-initial-cwd))
      (export "exit-with-code" (func $exit-with-code))
      (export "now" (func $now))
      (export "wait-for" (func $wait-for))
      (export "system-now" (func $system-now))
      (export "get-random-bytes" (func $get-random-bytes))
      (export "tcp-create" (func $tcp-create))
      (export "resolve" (func $resolve))
      (export "get-directories" (func $get-directories))
      (export "open-at" (func $open-at))
      (export "stat" (func $stat))
      (export "drop-descriptor" (func $drop-descriptor))
      (export "return-s32" (func $return-s32))
      (export "return-s64" (func $return-s64))
      (export "return-u32" (func $return-u32))
      (export "return-u64" (func $return-u64))))))

  (func (export "args") (result (list string)) (canon lift (core func $i "args") (memory (core memory $libc "memory"))))
  (func (export "env") (result (list (tuple string string))) (canon lift (core func $i "env") (memory (core memory $libc "memory"))))
  (func (export "cwd") (result (option string)) (canon lift (core func $i "cwd") (memory (core memory $libc "memory"))))
  (func (export "exit") (param "code" u8) (canon lift (core func $i "exit")))
  (func (export "system-now") (result (tuple s64 u32)) (canon lift (core func $i "system-now") (memory (core memory $libc "memory"))))
  (func (export "random") (param "len" u64) (result (list u8)) (canon lift (core func $i "random") (memory (core memory $libc "memory"))))
  (func (export "elapsed") async (param "ns" u64) (result u64) (canon lift (core func $i "elapsed") async))
  (func (export "tcp") (result u32) (canon lift (core func $i "tcp")))
  (func (export "resolve") async (param "name" string) (result u32) (canon lift (core func $i "resolve") async (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func (export "preopens") (result u32) (canon lift (core func $i "preopens")))
  (func (export "open") async (param "path" string) (param "flags" u32) (result s32) (canon lift (core func $i "open") async (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func (export "size") async (param "path" string) (param "follow" bool) (result s64) (canon lift (core func $i "size") async (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func (export "stat-handle") async (param "handle" u32) (result s64) (canon lift (core func $i "stat-handle") async)))
