;; test:greeter: no imports; exports the interface test:demo/greeter@0.1.0 (one function, greet) and a function hello.
(component
  (core module $m (func (export "f")))
  (core instance $ci (instantiate $m))
  (type $t (func))
  (func $f (type $t) (canon lift (core func $ci "f")))
  (instance $i (export "greet" (func $f)))
  (export "test:demo/greeter@0.1.0" (instance $i))
  (export "hello" (func $f))
)
