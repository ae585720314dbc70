;; test:middle: imports the greeter interface and exports one of its own (an interposer between test:greeter and test:app).
(component
  (import "test:demo/greeter@0.1.0" (instance $g (export "greet" (func))))
  (alias export $g "greet" (func $greet))
  (instance $i (export "greet" (func $greet)))
  (export "test:demo/greeter@0.1.0" (instance $i))
)
