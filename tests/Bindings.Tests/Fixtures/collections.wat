;; Fixture for tests/Bindings.Tests/wit/collections.wit, world `collections`, written by hand per the canonical ABI:
;; a map<K, V> is the list of its entries, list<tuple<K, V>>; a list<T, N> is laid out and flattened like a tuple of
;; N elements.
;;
;; Memory map: static strings from 256, static map entries from 512, return areas from 1024 (8-aligned), the bump
;; allocator from 4096.
(component
  (import "test:collections/host" (instance $host
    (export "lookup" (func (param "table" (map string u32)) (param "key" string) (result (option u32))))
    (export "double" (func (param "v" (list s32 3)) (result (list s32 3))))))
  (alias export $host "lookup" (func $lookup))
  (alias export $host "double" (func $double))

  (type $inventory (record (field "counts" (map string u32)) (field "corners" (list s32 4))))
  (export $inventory-e "inventory" (type $inventory))

  ;; A memory and a bump allocator (realloc) that never frees, honours the alignment and copies on growth.
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
      (if (local.get $old) (then (memory.copy (local.get $p) (local.get $old) (local.get $old-size))))
      (local.get $p)))
  (core instance $libc (instantiate $libc))

  ;; lookup: map (2) + string (2) flat parameters; option<u32> is 2 flat results, so a return pointer: (i32 x5) -> ()
  (core func $lookup-core (canon lower (func $lookup) (memory (core memory $libc "memory"))))
  ;; double: 3 flat parameters; 3 flat results, so a return pointer: (i32 x4) -> ()
  (core func $double-core (canon lower (func $double) (memory (core memory $libc "memory"))))

  (core module $m
    (import "libc" "memory" (memory 1))
    (import "host" "lookup" (func $lookup (param i32 i32 i32 i32 i32)))
    (import "host" "double" (func $double (param i32 i32 i32 i32)))

    ;; "ab" for duplicate-keys, "onetwo" for call-lookup.
    (data (i32.const 256) "abonetwo")
    ;; duplicate-keys: ("a", 1), ("b", 2), ("a", 3), entries of 12 bytes (string pointer, length, u32).
    (data (i32.const 512)
      "\00\01\00\00\01\00\00\00\01\00\00\00"
      "\01\01\00\00\01\00\00\00\02\00\00\00"
      "\00\01\00\00\01\00\00\00\03\00\00\00")
    ;; call-lookup's table: ("one", 1), ("two", 2).
    (data (i32.const 560)
      "\02\01\00\00\03\00\00\00\01\00\00\00"
      "\05\01\00\00\03\00\00\00\02\00\00\00")

    ;; sum-values(m: map<string, u32>) -> u32: the value of entry k is at p + 12k + 8.
    (func (export "sum-values") (param $p i32) (param $n i32) (result i32) (local $k i32) (local $sum i32)
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $sum (i32.add (local.get $sum)
          (i32.load offset=8 (i32.add (local.get $p) (i32.mul (local.get $k) (i32.const 12))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
      (local.get $sum))
    ;; echo-map: the received list back, through the return area at 1024.
    (func (export "echo-map") (param $p i32) (param $n i32) (result i32)
      (i32.store (i32.const 1024) (local.get $p))
      (i32.store (i32.const 1028) (local.get $n))
      (i32.const 1024))
    (func (export "duplicate-keys") (result i32)
      (i32.store (i32.const 1024) (i32.const 512))
      (i32.store (i32.const 1028) (i32.const 3))
      (i32.const 1024))
    (func (export "bad-map") (result i32)
      (i32.store (i32.const 1024) (i32.const 0xfffffff0))
      (i32.store (i32.const 1028) (i32.const 2))
      (i32.const 1024))
    ;; reverse(v: list<u32, 4>) -> list<u32, 4>: four flat parameters; the result through the return area.
    (func (export "reverse") (param $a i32) (param $b i32) (param $c i32) (param $d i32) (result i32)
      (i32.store (i32.const 1024) (local.get $d))
      (i32.store (i32.const 1028) (local.get $c))
      (i32.store (i32.const 1032) (local.get $b))
      (i32.store (i32.const 1036) (local.get $a))
      (i32.const 1024))
    (func (export "ip-sum") (param i32 i32 i32 i32) (result i32)
      (i32.add (i32.add (local.get 0) (local.get 1)) (i32.add (local.get 2) (local.get 3))))
    ;; wide-sum(w: list<u32, 20>): the parameters are spilled, so one pointer to 80 bytes.
    (func (export "wide-sum") (param $p i32) (result i32) (local $k i32) (local $sum i32)
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $k) (i32.const 20)))
        (local.set $sum (i32.add (local.get $sum) (i32.load (i32.add (local.get $p) (i32.shl (local.get $k) (i32.const 2))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
      (local.get $sum))
    ;; swap-names(n: list<string, 2>) -> list<string, 2>
    (func (export "swap-names") (param $p0 i32) (param $l0 i32) (param $p1 i32) (param $l1 i32) (result i32)
      (i32.store (i32.const 1024) (local.get $p1))
      (i32.store (i32.const 1028) (local.get $l1))
      (i32.store (i32.const 1032) (local.get $p0))
      (i32.store (i32.const 1036) (local.get $l0))
      (i32.const 1024))
    ;; call-lookup(key: string) -> option<u32>: the host writes the option to 1024, which is returned as is.
    (func (export "call-lookup") (param $kp i32) (param $kl i32) (result i32)
      (call $lookup (i32.const 560) (i32.const 2) (local.get $kp) (local.get $kl) (i32.const 1024))
      (i32.const 1024))
    ;; call-double() -> s32: double([1, 2, 3]) written to 1024, then summed.
    (func (export "call-double") (result i32)
      (call $double (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 1024))
      (i32.add (i32.load (i32.const 1024)) (i32.add (i32.load (i32.const 1028)) (i32.load (i32.const 1032)))))
    ;; echo-inventory(i: inventory) -> inventory: (counts pointer, length, four corners), 24 bytes back.
    (func (export "echo-inventory") (param i32 i32 i32 i32 i32 i32) (result i32)
      (i32.store (i32.const 1024) (local.get 0))
      (i32.store (i32.const 1028) (local.get 1))
      (i32.store (i32.const 1032) (local.get 2))
      (i32.store (i32.const 1036) (local.get 3))
      (i32.store (i32.const 1040) (local.get 4))
      (i32.store (i32.const 1044) (local.get 5))
      (i32.const 1024)))
  (core instance $i (instantiate $m
    (with "libc" (instance $libc))
    (with "host" (instance (export "lookup" (func $lookup-core)) (export "double" (func $double-core))))))

  (func (export "sum-values") (param "m" (map string u32)) (result u32)
    (canon lift (core func $i "sum-values") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func (export "echo-map") (param "m" (map string u32)) (result (map string u32))
    (canon lift (core func $i "echo-map") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func (export "duplicate-keys") (result (map string u32))
    (canon lift (core func $i "duplicate-keys") (memory (core memory $libc "memory"))))
  (func (export "bad-map") (result (map string u32))
    (canon lift (core func $i "bad-map") (memory (core memory $libc "memory"))))
  (func (export "reverse") (param "v" (list u32 4)) (result (list u32 4))
    (canon lift (core func $i "reverse") (memory (core memory $libc "memory"))))
  (func (export "ip-sum") (param "ip" (list u8 4)) (result u32)
    (canon lift (core func $i "ip-sum")))
  (func (export "wide-sum") (param "w" (list u32 20)) (result u32)
    (canon lift (core func $i "wide-sum") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func (export "swap-names") (param "n" (list string 2)) (result (list string 2))
    (canon lift (core func $i "swap-names") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func (export "call-lookup") (param "key" string) (result (option u32))
    (canon lift (core func $i "call-lookup") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func (export "call-double") (result s32)
    (canon lift (core func $i "call-double")))
  (func (export "echo-inventory") (param "i" $inventory-e) (result $inventory-e)
    (canon lift (core func $i "echo-inventory") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc")))))
