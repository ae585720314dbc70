;; Core exception tags: exported by one core instance, aliased, passed to another core instance through an inline
;; instance, thrown in one and caught in the other; an exception nobody catches is a trap.
(component
  (core module $m
    (tag (export "t") (param i32))
    (func (export "raise") (param i32) (throw 0 (local.get 0))))
  (core instance $i (instantiate $m))
  (alias core export $i "t" (core tag $t))
  (core module $n
    (import "a" "t" (tag $t (param i32)))
    (import "a" "raise" (func $raise (param i32)))
    (func (export "catch-own") (result i32)
      (block $h (result i32)
        (try_table (catch $t $h) (throw $t (i32.const 5)))
        (i32.const 0)))
    (func (export "catch-other") (param i32) (result i32)
      (block $h (result i32)
        (try_table (catch $t $h) (call $raise (local.get 0)))
        (i32.const 0)))
    (func (export "uncaught") (result i32) (throw $t (i32.const 1))))
  (core instance $j (instantiate $n (with "a" (instance (export "t" (tag $t)) (export "raise" (func $i "raise"))))))
  (func (export "catch-own") (result u32) (canon lift (core func $j "catch-own")))
  (func (export "catch-other") (param "x" u32) (result u32) (canon lift (core func $j "catch-other")))
  (func (export "uncaught") (result u32) (canon lift (core func $j "uncaught"))))
(assert_return (invoke "catch-own") (u32.const 5))
(assert_return (invoke "catch-other" (u32.const 9)) (u32.const 9))
(assert_trap (invoke "uncaught") "uncaught exception")

;; A tag aliased from a core instance and passed whole (the instance itself) to another.
(component
  (core module $m (tag (export "t")) (func (export "f") (result i32) (i32.const 1)))
  (core instance $i (instantiate $m))
  (core module $n
    (import "a" "t" (tag $t))
    (import "a" "f" (func $f (result i32)))
    (func (export "g") (result i32) (i32.add (call $f) (i32.const 1))))
  (core instance $j (instantiate $n (with "a" (instance $i))))
  (func (export "g") (result u32) (canon lift (core func $j "g"))))
(assert_return (invoke "g") (u32.const 2))
