;; test:top: imports test:enc/app@1.0.0 (only greet); exports run(s) = greet(s).
(component
  (import "test:enc/app@1.0.0" (instance $app
    (export "greet" (func (param "s" string) (result string)))))
  (core module $libc
    (memory (export "mem") 4)
    (global $heap (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get 2))))
      (global.set $heap (i32.add (local.get $p) (local.get 3)))
      ;; a real realloc: the old contents move along (the ABI grows a string while transcoding it)
      (if (local.get 0)
        (then (memory.copy (local.get $p) (local.get 0)
                (select (local.get 1) (local.get 3) (i32.lt_u (local.get 1) (local.get 3))))))
      (local.get $p)))
  (core instance $libc (instantiate $libc))
  (alias export $app "greet" (func $greet))
  (core func $greet (canon lower (func $greet) (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
  (core module $m
    (import "o" "greet" (func $greet (param i32 i32 i32)))
    (func (export "run") (param i32 i32) (result i32)
      (call $greet (local.get 0) (local.get 1) (i32.const 32))
      (i32.const 32)))
  (core instance $i (instantiate $m (with "o" (instance (export "greet" (func $greet))))))
  (func (export "run") (param "s" string) (result string)
    (canon lift (core func $i "run") (memory (core memory $libc "mem")) (realloc (core func $libc "realloc"))))
)
