;; Fixture for tests/Bindings.Tests/wit/type-imports.wit, world `type-imports`, written by hand in the shape
;; wit-component gives a world that uses an imported interface's types: the types come back as top-level type
;; imports bounded by `eq`, and the exported functions are typed with those imports.
(component
  (import "test:type-imports/things" (instance $things
    (export "thing" (type (sub resource)))
    (type (record (field "x" s32) (field "y" s32)))
    (export "point" (type (eq 1)))
    (export "[constructor]thing" (func (param "value" u32) (result (own 0))))
    (export "[method]thing.value" (func (param "self" (borrow 0)) (result u32)))))
  (alias export $things "thing" (type $thing-0))
  (alias export $things "point" (type $point-0))
  (alias export $things "[constructor]thing" (func $thing-new))
  (alias export $things "[method]thing.value" (func $thing-value))
  (import "thing" (type $thing (eq $thing-0)))
  (import "point" (type $point (eq $point-0)))

  (core module $libc
    (memory (export "memory") 1))
  (core instance $libc (instantiate $libc))

  (core func $thing-new-core (canon lower (func $thing-new)))
  (core func $thing-value-core (canon lower (func $thing-value)))
  (core func $thing-drop (canon resource.drop $thing))

  (core module $m
    (import "libc" "memory" (memory 1))
    (import "thing" "new" (func $thing-new (param i32) (result i32)))
    (import "thing" "value" (func $thing-value (param i32) (result i32)))
    (import "thing" "drop" (func $thing-drop (param i32)))
    ;; read(t: borrow<thing>) -> u32: the borrow is lent to the host's method, then dropped before returning.
    (func (export "read") (param $t i32) (result i32) (local $v i32)
      (local.set $v (call $thing-value (local.get $t)))
      (call $thing-drop (local.get $t))
      (local.get $v))
    ;; make(value: u32) -> own<thing>: the owned handle from the constructor moves to the caller.
    (func (export "make") (param $v i32) (result i32) (call $thing-new (local.get $v)))
    ;; swap(p: point) -> point: the result goes through a return area at 16.
    (func (export "swap") (param $x i32) (param $y i32) (result i32)
      (i32.store (i32.const 16) (local.get $y))
      (i32.store (i32.const 20) (local.get $x))
      (i32.const 16)))
  (core instance $i (instantiate $m
    (with "libc" (instance $libc))
    (with "thing" (instance
      (export "new" (func $thing-new-core)) (export "value" (func $thing-value-core)) (export "drop" (func $thing-drop))))))

  (func (export "read") (param "t" (borrow $thing)) (result u32) (canon lift (core func $i "read")))
  (func (export "make") (param "value" u32) (result (own $thing)) (canon lift (core func $i "make")))
  (func (export "swap") (param "p" $point) (result $point)
    (canon lift (core func $i "swap") (memory (core memory $libc "memory")))))
