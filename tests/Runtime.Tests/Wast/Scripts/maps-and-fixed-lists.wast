;; map<K, V> is lifted and lowered as the list of its (key, value) entries (CanonicalABI.md despecialises it to
;; list<tuple<K, V>>): order and duplicate keys are kept. list<T, N> is laid out and flattened like a tuple.
;; Map values are written as list.const of tuple.const (there is no map.const).

(component $maps
  (core module $m
    (memory (export "mem") 1)
    (global $bump (mut i32) (i32.const 4096))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.const 7)) (i32.const -8)))
      (global.set $bump (i32.add (local.get $p) (local.get 3)))
      (local.get $p))
    (data (i32.const 256) "ab")
    ;; ("a", 1), ("b", 2), ("a", 3)
    (data (i32.const 512)
      "\00\01\00\00\01\00\00\00\01\00\00\00"
      "\01\01\00\00\01\00\00\00\02\00\00\00"
      "\00\01\00\00\01\00\00\00\03\00\00\00")
    (func (export "sum") (param $p i32) (param $n i32) (result i32) (local $k i32) (local $s i32)
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load offset=8 (i32.add (local.get $p) (i32.mul (local.get $k) (i32.const 12))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $l)))
      (local.get $s))
    (func (export "echo") (param i32 i32) (result i32)
      (i32.store (i32.const 1024) (local.get 0))
      (i32.store (i32.const 1028) (local.get 1))
      (i32.const 1024))
    (func (export "dups") (result i32)
      (i32.store (i32.const 1024) (i32.const 512))
      (i32.store (i32.const 1028) (i32.const 3))
      (i32.const 1024))
    (func (export "bad") (result i32)
      (i32.store (i32.const 1024) (i32.const 0xfffffff0))
      (i32.store (i32.const 1028) (i32.const 2))
      (i32.const 1024))
    (func (export "rev3") (param i32 i32 i32) (result i32)
      (i32.store16 (i32.const 1024) (local.get 2))
      (i32.store16 (i32.const 1026) (local.get 1))
      (i32.store16 (i32.const 1028) (local.get 0))
      (i32.const 1024))
    (func (export "first") (param i32 i32 i32 i32 i32 i32) (result i32)
      (i32.store (i32.const 1024) (local.get 0))
      (i32.store (i32.const 1028) (local.get 1))
      (i32.const 1024)))
  (core instance $i (instantiate $m))
  (func (export "sum") (param "m" (map string u32)) (result u32)
    (canon lift (core func $i "sum") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
  (func (export "echo") (param "m" (map char (list u8))) (result (map char (list u8)))
    (canon lift (core func $i "echo") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
  (func (export "dups") (result (map string u32)) (canon lift (core func $i "dups") (memory (core memory $i "mem"))))
  (func (export "bad") (result (map string u32)) (canon lift (core func $i "bad") (memory (core memory $i "mem"))))
  (func (export "rev3") (param "v" (list u16 3)) (result (list u16 3)) (canon lift (core func $i "rev3") (memory (core memory $i "mem"))))
  (func (export "first") (param "v" (list string 3)) (result string)
    (canon lift (core func $i "first") (memory (core memory $i "mem")) (realloc (core func $i "realloc")))))

(assert_return
  (invoke "sum" (list.const (tuple.const (str.const "x") (u32.const 40)) (tuple.const (str.const "x") (u32.const 2))))
  (u32.const 42))
(assert_return (invoke "sum" (list.const)) (u32.const 0))
(assert_return
  (invoke "echo" (list.const
    (tuple.const (char.const "é") (list.const (u8.const 1) (u8.const 2)))
    (tuple.const (char.const "z") (list.const))))
  (list.const
    (tuple.const (char.const "é") (list.const (u8.const 1) (u8.const 2)))
    (tuple.const (char.const "z") (list.const))))
(assert_return (invoke "dups")
  (list.const
    (tuple.const (str.const "a") (u32.const 1))
    (tuple.const (str.const "b") (u32.const 2))
    (tuple.const (str.const "a") (u32.const 3))))
(assert_return (invoke "rev3" (list.const (u16.const 1) (u16.const 2) (u16.const 65535)))
  (list.const (u16.const 65535) (u16.const 2) (u16.const 1)))
(assert_return (invoke "first" (list.const (str.const "one") (str.const "two") (str.const "three"))) (str.const "one"))
(assert_trap (invoke "bad") "out of bounds")

;; A map crossing from one component to another: $d lowers $c's map-taking export and lifts a list of pairs.
(component
  (component $c
    (core module $m
      (memory (export "mem") 1)
      (global $bump (mut i32) (i32.const 4096))
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
        (local.set $p (i32.and (i32.add (global.get $bump) (i32.const 7)) (i32.const -8)))
        (global.set $bump (i32.add (local.get $p) (local.get 3)))
        (local.get $p))
      (func (export "count") (param i32 i32) (result i32) (local.get 1)))
    (core instance $i (instantiate $m))
    (func (export "count") (param "m" (map u8 (list u8 2))) (result u32)
      (canon lift (core func $i "count") (memory (core memory $i "mem")) (realloc (core func $i "realloc")))))
  (component $d
    (import "c" (instance $c (export "count" (func (param "m" (map u8 (list u8 2))) (result u32)))))
    (core module $mem
      (memory (export "mem") 1)
      (global $bump (mut i32) (i32.const 4096))
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
        (local.set $p (i32.and (i32.add (global.get $bump) (i32.const 7)) (i32.const -8)))
        (global.set $bump (i32.add (local.get $p) (local.get 3)))
        (local.get $p)))
    (core instance $mem (instantiate $mem))
    (core func $count (canon lower (func $c "count") (memory (core memory $mem "mem"))))
    (core module $fwd
      (import "" "count" (func $count (param i32 i32) (result i32)))
      (func (export "count") (param i32 i32) (result i32) (call $count (local.get 0) (local.get 1))))
    (core instance $fwd (instantiate $fwd (with "" (instance (export "count" (func $count))))))
    (func (export "count") (param "m" (list (tuple u8 (list u8 2)))) (result u32)
      (canon lift (core func $fwd "count") (memory (core memory $mem "mem")) (realloc (core func $mem "realloc")))))
  (instance $c (instantiate $c))
  (instance $d (instantiate $d (with "c" (instance $c))))
  (export "count" (func $d "count")))
(assert_return
  (invoke "count" (list.const
    (tuple.const (u8.const 1) (list.const (u8.const 1) (u8.const 2)))
    (tuple.const (u8.const 1) (list.const (u8.const 3) (u8.const 4)))))
  (u32.const 2))
