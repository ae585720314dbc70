;; Fixture for tests/Bindings.Tests/wit/world-resources.wit, world `world-resources`, written by hand per the canonical
;; ABI. The world declares the resource `blob`, so the component imports it at top level (a resource type, its
;; constructor, methods and static function), with the world-level record `view` as a type import bounded by `eq`.
;;
;; Memory map: the bytes [1, 2, 3] at 64, the bump allocator from 4096.
(component
  (import "blob" (type $blob (sub resource)))
  (import "[constructor]blob" (func $blob-new (param "init" (list u8)) (result (own $blob))))
  (import "[method]blob.size" (func $blob-size (param "self" (borrow $blob)) (result u32)))
  (import "[method]blob.append" (func $blob-append (param "self" (borrow $blob)) (param "b" u8)))
  (import "[static]blob.from-string" (func $blob-from-string (param "s" string) (result (own $blob))))
  (type $view-def (record (field "target" (borrow $blob)) (field "extra" u32)))
  (import "view" (type $view (eq $view-def)))
  (import "zeros" (func $zeros (param "n" u32) (result (own $blob))))

  ;; A memory with [1, 2, 3] at 64 and a bump allocator (realloc) that never frees, honours the alignment and copies
  ;; on growth.
  (core module $libc
    (memory (export "memory") 1)
    (data (i32.const 64) "\01\02\03")
    (global $bump (mut i32) (i32.const 4096))
    (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
      (local $p i32)
      (local.set $p
        (i32.and
          (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
          (i32.xor (i32.sub (local.get $align) (i32.const 1)) (i32.const -1))))
      (global.set $bump (i32.add (local.get $p) (local.get $size)))
      (if (local.get $old) (then (memory.copy (local.get $p) (local.get $old) (local.get $old-size))))
      (local.get $p)))
  (core instance $libc (instantiate $libc))

  (core func $blob-new-core (canon lower (func $blob-new) (memory (core memory $libc "memory"))))
  (core func $blob-size-core (canon lower (func $blob-size)))
  (core func $blob-append-core (canon lower (func $blob-append)))
  (core func $blob-from-string-core (canon lower (func $blob-from-string) (memory (core memory $libc "memory"))))
  (core func $zeros-core (canon lower (func $zeros)))
  (core func $blob-drop (canon resource.drop $blob))

  (core module $m
    (import "blob" "new" (func $new (param i32 i32) (result i32)))
    (import "blob" "size" (func $size (param i32) (result i32)))
    (import "blob" "append" (func $append (param i32 i32)))
    (import "blob" "from-string" (func $from-string (param i32 i32) (result i32)))
    (import "blob" "drop" (func $drop (param i32)))
    (import "world" "zeros" (func $zeros (param i32) (result i32)))

    ;; build(n: u8) -> own<blob>: the constructor's owned handle moves out to the caller.
    (func (export "build") (param $n i32) (result i32) (local $b i32)
      (local.set $b (call $new (i32.const 64) (i32.const 3)))
      (call $append (local.get $b) (local.get $n))
      (local.get $b))
    ;; size-of(b: borrow<blob>) -> u32: a borrow of a host resource arrives as a handle that must be dropped before
    ;; returning.
    (func $size-of (export "size-of") (param $b i32) (result i32) (local $s i32)
      (local.set $s (call $size (local.get $b)))
      (call $drop (local.get $b))
      (local.get $s))
    ;; size-at(v: view) -> u32: the record flattens to (borrow, u32).
    (func (export "size-at") (param $target i32) (param $extra i32) (result i32)
      (i32.add (call $size-of (local.get $target)) (local.get $extra)))
    ;; consume(b: own<blob>) -> u32: dropping the owned handle runs the host's destructor.
    (func (export "consume") (param $b i32) (result i32)
      (call $size-of (local.get $b)))
    ;; made(s: string, n: u32) -> u32
    (func (export "made") (param $s i32) (param $len i32) (param $n i32) (result i32)
      (i32.add
        (call $size-of (call $from-string (local.get $s) (local.get $len)))
        (call $size-of (call $zeros (local.get $n))))))
  (core instance $i (instantiate $m
    (with "blob" (instance
      (export "new" (func $blob-new-core))
      (export "size" (func $blob-size-core))
      (export "append" (func $blob-append-core))
      (export "from-string" (func $blob-from-string-core))
      (export "drop" (func $blob-drop))))
    (with "world" (instance (export "zeros" (func $zeros-core))))))

  (func (export "build") (param "n" u8) (result (own $blob)) (canon lift (core func $i "build")))
  (func (export "size-of") (param "b" (borrow $blob)) (result u32) (canon lift (core func $i "size-of")))
  (func (export "size-at") (param "v" $view) (result u32) (canon lift (core func $i "size-at")))
  (func (export "consume") (param "b" (own $blob)) (result u32) (canon lift (core func $i "consume")))
  (func (export "made") (param "s" string) (param "n" u32) (result u32)
    (canon lift (core func $i "made") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc")))))
