;; Fixture for tests/Bindings.Tests/wit/async-resources.wit, world `async-resources`, written by hand per the
;; canonical ABI. A counter's representation is the address of a 4-byte cell holding its value. `add` is lifted
;; async with a callback: it keeps its arguments in a fresh cell named by context slot 0, yields once, then adds
;; and returns the new value from the callback; `reset` and `sum` return at once.
(component
  (core module $libc
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 4096))
    ;; Never frees; allocations are 8 bytes at most.
    (func (export "alloc8") (result i32)
      (global.set $bump (i32.add (global.get $bump) (i32.const 8)))
      (i32.sub (global.get $bump) (i32.const 8))))
  (core instance $libc (instantiate $libc))

  (type $counter (resource (rep i32)))
  (core func $counter-new (canon resource.new $counter))
  (core func $return-u32 (canon task.return (result u32)))
  (core func $return (canon task.return))
  (core func $context.get (canon context.get i32 0))
  (core func $context.set (canon context.set i32 0))

  (core module $m
    (import "libc" "memory" (memory 1))
    (import "libc" "alloc8" (func $alloc8 (result i32)))
    (import "" "counter-new" (func $counter-new (param i32) (result i32)))
    (import "" "return-u32" (func $return-u32 (param i32)))
    (import "" "return" (func $return))
    (import "" "context.get" (func $context.get (result i32)))
    (import "" "context.set" (func $context.set (param i32)))

    ;; [constructor]counter(start: u32) -> own<counter>
    (func (export "counter-ctor") (param $start i32) (result i32) (local $cell i32)
      (local.set $cell (call $alloc8))
      (i32.store (local.get $cell) (local.get $start))
      (call $counter-new (local.get $cell)))
    ;; [method]counter.add(self: borrow<counter>, n: u32) -> u32 (async): the borrow of the component's own
    ;; resource arrives as the representation.
    (func (export "counter-add") (param $self i32) (param $n i32) (result i32) (local $args i32)
      (local.set $args (call $alloc8))
      (i32.store (local.get $args) (local.get $self))
      (i32.store offset=4 (local.get $args) (local.get $n))
      (call $context.set (local.get $args))
      (i32.const 1 (; YIELD ;)))
    (func (export "counter-add-cb") (param $code i32) (param $index i32) (param $payload i32) (result i32)
      (local $args i32) (local $self i32)
      (if (local.get $code) (then unreachable))
      (local.set $args (call $context.get))
      (local.set $self (i32.load (local.get $args)))
      (i32.store (local.get $self) (i32.add (i32.load (local.get $self)) (i32.load offset=4 (local.get $args))))
      (call $return-u32 (i32.load (local.get $self)))
      (i32.const 0 (; EXIT ;)))
    ;; [method]counter.reset(self: borrow<counter>) (async)
    (func (export "counter-reset") (param $self i32) (result i32)
      (i32.store (local.get $self) (i32.const 0))
      (call $return)
      (i32.const 0))
    ;; [static]counter.sum(a: borrow<counter>, b: borrow<counter>) -> u32 (async)
    (func (export "counter-sum") (param $a i32) (param $b i32) (result i32)
      (call $return-u32 (i32.add (i32.load (local.get $a)) (i32.load (local.get $b))))
      (i32.const 0))
    ;; [method]counter.get(self: borrow<counter>) -> u32
    (func (export "counter-get") (param $self i32) (result i32) (i32.load (local.get $self)))
    (func (export "unreachable-cb") (param i32 i32 i32) (result i32) unreachable))
  (core instance $i (instantiate $m
    (with "libc" (instance $libc))
    (with "" (instance
      (export "counter-new" (func $counter-new))
      (export "return-u32" (func $return-u32))
      (export "return" (func $return))
      (export "context.get" (func $context.get))
      (export "context.set" (func $context.set))))))

  ;; export counters (test:async-resources/counters)
  (func $counter-ctor (param "start" u32) (result (own $counter)) (canon lift (core func $i "counter-ctor")))
  (func $counter-add async (param "self" (borrow $counter)) (param "n" u32) (result u32)
    (canon lift (core func $i "counter-add") async (callback (core func $i "counter-add-cb"))))
  (func $counter-reset async (param "self" (borrow $counter))
    (canon lift (core func $i "counter-reset") async (callback (core func $i "unreachable-cb"))))
  (func $counter-sum async (param "a" (borrow $counter)) (param "b" (borrow $counter)) (result u32)
    (canon lift (core func $i "counter-sum") async (callback (core func $i "unreachable-cb"))))
  (func $counter-get (param "self" (borrow $counter)) (result u32) (canon lift (core func $i "counter-get")))
  ;; As wit-component does: a nested component names the resource where the functions using it are exported.
  (component $counters-shim
    (import "import-type-counter" (type $r (sub resource)))
    (import "import-constructor-counter" (func $ctor (param "start" u32) (result (own $r))))
    (import "import-method-counter-add" (func $add async (param "self" (borrow $r)) (param "n" u32) (result u32)))
    (import "import-method-counter-reset" (func $reset async (param "self" (borrow $r))))
    (import "import-static-counter-sum" (func $sum async (param "a" (borrow $r)) (param "b" (borrow $r)) (result u32)))
    (import "import-method-counter-get" (func $get (param "self" (borrow $r)) (result u32)))
    (export $counter "counter" (type $r))
    (export "[constructor]counter" (func $ctor) (func (param "start" u32) (result (own $counter))))
    (export "[method]counter.add" (func $add) (func async (param "self" (borrow $counter)) (param "n" u32) (result u32)))
    (export "[method]counter.reset" (func $reset) (func async (param "self" (borrow $counter))))
    (export "[static]counter.sum" (func $sum) (func async (param "a" (borrow $counter)) (param "b" (borrow $counter)) (result u32)))
    (export "[method]counter.get" (func $get) (func (param "self" (borrow $counter)) (result u32))))
  (instance $counters (instantiate $counters-shim
    (with "import-type-counter" (type $counter))
    (with "import-constructor-counter" (func $counter-ctor))
    (with "import-method-counter-add" (func $counter-add))
    (with "import-method-counter-reset" (func $counter-reset))
    (with "import-static-counter-sum" (func $counter-sum))
    (with "import-method-counter-get" (func $counter-get))))
  (export "test:async-resources/counters" (instance $counters)))
