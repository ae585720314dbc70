;; Fixture for tests/Bindings.Tests/wit/calc-exporter.wit, world `exporter`, written by hand per the canonical ABI.
(component
  (core module $m
    (func (export "sum") (param $a i32) (param $b i32) (result i32)
      (i32.add (local.get $a) (local.get $b))))
  (core instance $m (instantiate $m))
  (type $pair (record (field "a" u32) (field "b" u32)))
  (func $sum (param "p" $pair) (result u32) (canon lift (core func $m "sum")))
  (instance $calc (export "pair" (type $pair)) (export "sum" (func $sum)))
  (export "test:calc/calc" (instance $calc)))
