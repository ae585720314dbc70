;; test:app: imports the greeter interface, wasi:cli/stdout@0.2.0 and a function log; exports wasi:cli/run@0.2.0 and hello.
(component
  (import "test:demo/greeter@0.1.0" (instance $g (export "greet" (func))))
  (import "wasi:cli/stdout@0.2.0" (instance $o (export "flush" (func))))
  (import "log" (func $log))
  (alias export $g "greet" (func $greet))
  (instance $run (export "run" (func $greet)))
  (export "wasi:cli/run@0.2.0" (instance $run))
  (export "hello" (func $log))
)
