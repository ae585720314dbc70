;; Fixture for tests/Bindings.Tests/wit/resources.wit, world `resources`, written by hand per the canonical ABI.
;;
;; A counter's representation is the address of a 4-byte cell (from the bump allocator) holding its value;
;; the destructor counts the counters destroyed.
(component
  ;; import host-store (test:resources/host-store): a resource implemented by the host.
  (import "test:resources/host-store" (instance $host-store
    (export "store" (type $store (sub resource)))
    (export "[constructor]store" (func (param "name" string) (result (own $store))))
    (export "[method]store.put" (func (param "self" (borrow $store)) (param "value" u32)))
    (export "[method]store.total" (func (param "self" (borrow $store)) (result u32)))))
  (alias export $host-store "store" (type $store))
  (alias export $host-store "[constructor]store" (func $store-new))
  (alias export $host-store "[method]store.put" (func $store-put))
  (alias export $host-store "[method]store.total" (func $store-total))

  ;; A memory and a bump allocator (realloc) that never frees, honours the alignment, shrinks in place,
  ;; copies on growth and grows the memory when needed.
  (core module $libc
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 4096))
    (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
      (local $p i32) (local $end i32)
      (if (i32.and (i32.ne (local.get $old) (i32.const 0)) (i32.le_u (local.get $size) (local.get $old-size)))
        (then (return (local.get $old))))
      (local.set $p
        (i32.and
          (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
          (i32.xor (i32.sub (local.get $align) (i32.const 1)) (i32.const -1))))
      (local.set $end (i32.add (local.get $p) (local.get $size)))
      (if (i32.gt_u (local.get $end) (i32.shl (memory.size) (i32.const 16)))
        (then
          (if (i32.eq
                (memory.grow (i32.shr_u (i32.add (i32.sub (local.get $end) (i32.shl (memory.size) (i32.const 16))) (i32.const 65535)) (i32.const 16)))
                (i32.const -1))
            (then unreachable))))
      (global.set $bump (local.get $end))
      (if (local.get $old) (then (memory.copy (local.get $p) (local.get $old) (local.get $old-size))))
      (local.get $p)))
  (core instance $libc (instantiate $libc))

  ;; The destructor lives in its own module: the resource type needs it before the main module, which
  ;; needs the resource type's built-ins, can be instantiated.
  (core module $dtor
    (global $dropped (export "dropped") (mut i32) (i32.const 0))
    (func (export "dtor") (param $rep i32)
      (global.set $dropped (i32.add (global.get $dropped) (i32.const 1)))))
  (core instance $dtor (instantiate $dtor))

  (type $counter (resource (rep i32) (dtor (core func $dtor "dtor"))))
  (core func $counter-new (canon resource.new $counter))
  (core func $counter-rep (canon resource.rep $counter))
  (core func $counter-drop (canon resource.drop $counter))

  (core func $store-new-core (canon lower (func $store-new) (memory (core memory $libc "memory"))))
  (core func $store-put-core (canon lower (func $store-put)))
  (core func $store-total-core (canon lower (func $store-total)))
  (core func $store-drop (canon resource.drop $store))

  (core module $m
    (import "libc" "memory" (memory 1))
    (import "libc" "realloc" (func $realloc (param i32 i32 i32 i32) (result i32)))
    (import "dtor" "dropped" (global $dropped (mut i32)))
    (import "counter" "new" (func $counter-new (param i32) (result i32)))
    (import "counter" "rep" (func $counter-rep (param i32) (result i32)))
    (import "counter" "drop" (func $counter-drop (param i32)))
    (import "store" "new" (func $store-new (param i32 i32) (result i32)))
    (import "store" "put" (func $store-put (param i32 i32)))
    (import "store" "total" (func $store-total (param i32) (result i32)))
    (import "store" "drop" (func $store-drop (param i32)))

    ;; A new counter: a fresh cell holding the value, its address as the representation.
    (func $make (param $value i32) (result i32) (local $cell i32)
      (local.set $cell (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 4)))
      (i32.store (local.get $cell) (local.get $value))
      (call $counter-new (local.get $cell)))

    ;; [constructor]counter(start: u32) -> own<counter>
    (func (export "counter-ctor") (param $start i32) (result i32) (call $make (local.get $start)))
    ;; [static]counter.zero() -> own<counter>
    (func (export "counter-zero") (result i32) (call $make (i32.const 0)))
    ;; Borrows of the guest's own resource arrive as the representation (the cell's address).
    ;; [method]counter.increment(self: borrow<counter>, by: u32)
    (func (export "counter-increment") (param $self i32) (param $by i32)
      (i32.store (local.get $self) (i32.add (i32.load (local.get $self)) (local.get $by))))
    ;; [method]counter.get(self: borrow<counter>) -> u32, and peek(c: borrow<counter>) -> u32
    (func (export "counter-get") (param $self i32) (result i32) (i32.load (local.get $self)))
    ;; [method]counter.merge(self: borrow<counter>, other: own<counter>): the owned handle is in this
    ;; instance's table; read its value through resource.rep, then drop it (the destructor runs).
    (func (export "counter-merge") (param $self i32) (param $other i32)
      (i32.store (local.get $self)
        (i32.add (i32.load (local.get $self)) (i32.load (call $counter-rep (local.get $other)))))
      (call $counter-drop (local.get $other)))
    ;; dropped() -> u32
    (func (export "dropped") (result i32) (global.get $dropped))

    ;; fill(name: string, values: list<u32>) -> u32
    (func (export "fill") (param $name i32) (param $name-len i32) (param $values i32) (param $count i32) (result i32)
      (local $store i32) (local $total i32)
      (local.set $store (call $store-new (local.get $name) (local.get $name-len)))
      (block $done (loop $next
        (br_if $done (i32.eqz (local.get $count)))
        (call $store-put (local.get $store) (i32.load (local.get $values)))
        (local.set $values (i32.add (local.get $values) (i32.const 4)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $next)))
      (local.set $total (call $store-total (local.get $store)))
      (call $store-drop (local.get $store))
      (local.get $total))
    ;; make-store(name: string) -> own<store>: the owned handle moves out to the caller.
    (func (export "make-store") (param $name i32) (param $name-len i32) (result i32)
      (call $store-new (local.get $name) (local.get $name-len)))
    ;; total-of(s: borrow<store>) -> u32: the borrow arrives as a handle in this instance's table, which
    ;; must be dropped before returning.
    (func (export "total-of") (param $s i32) (result i32) (local $total i32)
      (local.set $total (call $store-total (local.get $s)))
      (call $store-drop (local.get $s))
      (local.get $total)))
  (core instance $i (instantiate $m
    (with "libc" (instance $libc))
    (with "dtor" (instance $dtor))
    (with "counter" (instance
      (export "new" (func $counter-new))
      (export "rep" (func $counter-rep))
      (export "drop" (func $counter-drop))))
    (with "store" (instance
      (export "new" (func $store-new-core))
      (export "put" (func $store-put-core))
      (export "total" (func $store-total-core))
      (export "drop" (func $store-drop))))))

  ;; export counters (test:resources/counters)
  (func $counter-ctor (param "start" u32) (result (own $counter)) (canon lift (core func $i "counter-ctor")))
  (func $counter-increment (param "self" (borrow $counter)) (param "by" u32) (canon lift (core func $i "counter-increment")))
  (func $counter-get (param "self" (borrow $counter)) (result u32) (canon lift (core func $i "counter-get")))
  (func $counter-merge (param "self" (borrow $counter)) (param "other" (own $counter)) (canon lift (core func $i "counter-merge")))
  (func $counter-zero (result (own $counter)) (canon lift (core func $i "counter-zero")))
  (func $peek (param "c" (borrow $counter)) (result u32) (canon lift (core func $i "counter-get")))
  (func $dropped (result u32) (canon lift (core func $i "dropped")))
  ;; The resource must have a name where the functions using it are exported, so (as wit-component
  ;; does) a nested component imports the type and the functions and exports them under the interface's
  ;; names, with the function types written in terms of its exported resource.
  (component $counters-shim
    (import "import-type-counter" (type $r (sub resource)))
    (import "import-constructor-counter" (func $ctor (param "start" u32) (result (own $r))))
    (import "import-method-counter-increment" (func $increment (param "self" (borrow $r)) (param "by" u32)))
    (import "import-method-counter-get" (func $get (param "self" (borrow $r)) (result u32)))
    (import "import-method-counter-merge" (func $merge (param "self" (borrow $r)) (param "other" (own $r))))
    (import "import-static-counter-zero" (func $zero (result (own $r))))
    (import "import-func-peek" (func $peek (param "c" (borrow $r)) (result u32)))
    (import "import-func-dropped" (func $dropped (result u32)))
    (export $counter "counter" (type $r))
    (export "[constructor]counter" (func $ctor) (func (param "start" u32) (result (own $counter))))
    (export "[method]counter.increment" (func $increment) (func (param "self" (borrow $counter)) (param "by" u32)))
    (export "[method]counter.get" (func $get) (func (param "self" (borrow $counter)) (result u32)))
    (export "[method]counter.merge" (func $merge) (func (param "self" (borrow $counter)) (param "other" (own $counter))))
    (export "[static]counter.zero" (func $zero) (func (result (own $counter))))
    (export "peek" (func $peek) (func (param "c" (borrow $counter)) (result u32)))
    (export "dropped" (func $dropped) (func (result u32))))
  (instance $counters (instantiate $counters-shim
    (with "import-type-counter" (type $counter))
    (with "import-constructor-counter" (func $counter-ctor))
    (with "import-method-counter-increment" (func $counter-increment))
    (with "import-method-counter-get" (func $counter-get))
    (with "import-method-counter-merge" (func $counter-merge))
    (with "import-static-counter-zero" (func $counter-zero))
    (with "import-func-peek" (func $peek))
    (with "import-func-dropped" (func $dropped))))
  (export "test:resources/counters" (instance $counters))

  ;; world exports
  (func $fill (param "name" string) (param "values" (list u32)) (result u32)
    (canon lift (core func $i "fill") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $make-store (param "name" string) (result (own $store))
    (canon lift (core func $i "make-store") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $total-of (param "s" (borrow $store)) (result u32) (canon lift (core func $i "total-of")))
  (export "fill" (func $fill))
  (export "make-store" (func $make-store))
  (export "total-of" (func $total-of)))
