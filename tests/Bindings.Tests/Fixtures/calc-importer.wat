;; Fixture for tests/Bindings.Tests/wit/calc-importer.wit, world `importer`, written by hand per the canonical ABI.
(component
  (import "test:calc/calc" (instance $calc
    (type $pair (record (field "a" u32) (field "b" u32)))
    (export "pair" (type $pair-e (eq $pair)))
    (export "sum" (func (param "p" $pair-e) (result u32)))))
  (alias export $calc "pair" (type $pair))
  (core func $sum (canon lower (func $calc "sum")))
  (core module $m
    (import "calc" "sum" (func $sum (param i32 i32) (result i32)))
    ;; run(p) = 10 * sum(p)
    (func (export "run") (param $a i32) (param $b i32) (result i32)
      (i32.mul (call $sum (local.get $a) (local.get $b)) (i32.const 10))))
  (core instance $host (export "sum" (func $sum)))
  (core instance $m (instantiate $m (with "calc" (instance $host))))
  (func (export "run") (param "p" $pair) (result u32) (canon lift (core func $m "run"))))
