;; test:adder: imports a function log(v: u32) (not an interface); exports add-logged(a, b) = log(a); a + b.
(component
  (import "log" (func $log (param "v" u32)))
  (core func $log (canon lower (func $log)))
  (core module $m
    (import "o" "log" (func $log (param i32)))
    (func (export "add") (param i32 i32) (result i32)
      (call $log (local.get 0))
      (i32.add (local.get 0) (local.get 1))))
  (core instance $i (instantiate $m (with "o" (instance (export "log" (func $log))))))
  (type $add (func (param "a" u32) (param "b" u32) (result u32)))
  (func (export "add-logged") (type $add) (canon lift (core func $i "add")))
)
