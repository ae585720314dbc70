;; Component for benchmarks/WitBindgen.Benchmarks/wit/bench.wit, world `bench`, written by hand per the canonical ABI.
;;
;; Memory map (16 pages = 1 MiB, never grown):
;;   1024..1040  the static return area of exports returning more than one flat value (8-aligned)
;;   2048..4096  4-byte cells holding counters (resource representations), recycled through a free list
;;   4096..1 MiB the bump allocator's arena; an allocation that would end past 1 MiB restarts at 4096.
;; Nothing the host lowers outlives the call it was lowered for, so wrapping keeps memory bounded over
;; millions of benchmark calls without a reset export or post-return.
(component
  ;; world import: log: func(message: string)
  (import "log" (func $log (param "message" string)))

  (core module $libc
    (memory (export "memory") 16)
    (global $bump (mut i32) (i32.const 4096))
    (global $free (mut i32) (i32.const 0))
    (global $next-cell (mut i32) (i32.const 2048))
    ;; realloc: bump allocation honouring the alignment; shrinks in place, copies on growth, wraps at 1 MiB.
    (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
      (local $p i32)
      (if (i32.and (i32.ne (local.get $old) (i32.const 0)) (i32.le_u (local.get $size) (local.get $old-size)))
        (then (return (local.get $old))))
      (local.set $p
        (i32.and
          (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
          (i32.xor (i32.sub (local.get $align) (i32.const 1)) (i32.const -1))))
      (if (i32.gt_u (i32.add (local.get $p) (local.get $size)) (i32.const 0x100000))
        (then
          (local.set $p (i32.const 4096))
          (if (i32.gt_u (i32.add (local.get $p) (local.get $size)) (i32.const 0x100000))
            (then unreachable))))
      (global.set $bump (i32.add (local.get $p) (local.get $size)))
      (if (local.get $old) (then (memory.copy (local.get $p) (local.get $old) (local.get $old-size))))
      (local.get $p))
    ;; A counter cell: from the free list, else the next unused one.
    (func (export "cell-alloc") (result i32) (local $c i32)
      (if (global.get $free)
        (then
          (local.set $c (global.get $free))
          (global.set $free (i32.load (local.get $c)))
          (return (local.get $c))))
      (if (i32.ge_u (global.get $next-cell) (i32.const 4096)) (then unreachable))
      (local.set $c (global.get $next-cell))
      (global.set $next-cell (i32.add (local.get $c) (i32.const 4)))
      (local.get $c))
    ;; The counter destructor: the cell goes back on the free list.
    (func (export "cell-free") (param $c i32)
      (i32.store (local.get $c) (global.get $free))
      (global.set $free (local.get $c))))
  (core instance $libc (instantiate $libc))

  (type $counter (resource (rep i32) (dtor (core func $libc "cell-free"))))
  (core func $counter-new (canon resource.new $counter))

  (core func $log-core (canon lower (func $log) (memory (core memory $libc "memory"))))

  (core module $m
    (import "libc" "memory" (memory 16))
    (import "libc" "cell-alloc" (func $cell-alloc (result i32)))
    (import "counter" "new" (func $counter-new (param i32) (result i32)))
    (import "host" "log" (func $log (param i32 i32)))

    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))

    ;; (ptr, len) of a string or list: stored at the return area (ptr at +0, len at +4).
    (func (export "echo-ptr-len") (param i32 i32) (result i32)
      (i32.store (i32.const 1024) (local.get 0))
      (i32.store (i32.const 1028) (local.get 1))
      (i32.const 1024))

    ;; triple { a, b, c: s32 }: size 12, align 4.
    (func (export "echo-triple") (param i32 i32 i32) (result i32)
      (i32.store (i32.const 1024) (local.get 0))
      (i32.store (i32.const 1028) (local.get 1))
      (i32.store (i32.const 1032) (local.get 2))
      (i32.const 1024))

    ;; message: u8 discriminant at +0, payload at +8 (u64 aligns it), size 16. Flat: the join of [] [i64]
    ;; [i32 i32] is [i64 i32]: number's u64 is the i64; text's pointer is the i64 (zero-extended) and its
    ;; length the i32. Storing the i64 at +8 writes the u64 or (pointer, 0); text then stores its length at +12.
    (func (export "echo-message") (param $disc i32) (param $p1 i64) (param $p2 i32) (result i32)
      (i32.store8 (i32.const 1024) (local.get $disc))
      (i64.store (i32.const 1032) (local.get $p1))
      (if (i32.eq (local.get $disc) (i32.const 2))
        (then (i32.store (i32.const 1036) (local.get $p2))))
      (i32.const 1024))

    ;; option<u32>: u8 discriminant at +0, u32 at +4, size 8.
    (func (export "echo-option") (param i32 i32) (result i32)
      (i32.store8 (i32.const 1024) (local.get 0))
      (i32.store (i32.const 1028) (local.get 1))
      (i32.const 1024))

    ;; sum(values: list<u32>) -> u64: the guest loops over the elements.
    (func (export "sum") (param $ptr i32) (param $len i32) (result i64) (local $total i64)
      (block $done (loop $next
        (br_if $done (i32.eqz (local.get $len)))
        (local.set $total (i64.add (local.get $total) (i64.extend_i32_u (i32.load (local.get $ptr)))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 4)))
        (local.set $len (i32.sub (local.get $len) (i32.const 1)))
        (br $next)))
      (local.get $total))

    ;; relay(message: string): calls the log import with the same string.
    (func (export "relay") (param i32 i32) (call $log (local.get 0) (local.get 1)))

    ;; [constructor]counter(start: u32) -> own<counter>: a cell holding the value, its address the representation.
    (func (export "counter-ctor") (param $start i32) (result i32) (local $cell i32)
      (local.set $cell (call $cell-alloc))
      (i32.store (local.get $cell) (local.get $start))
      (call $counter-new (local.get $cell)))
    ;; [method]counter.add(self: borrow<counter>, by: u32) -> u32: a borrow of the guest's own resource
    ;; arrives as the representation.
    (func (export "counter-add") (param $self i32) (param $by i32) (result i32) (local $v i32)
      (local.set $v (i32.add (i32.load (local.get $self)) (local.get $by)))
      (i32.store (local.get $self) (local.get $v))
      (local.get $v)))
  (core instance $i (instantiate $m
    (with "libc" (instance $libc))
    (with "counter" (instance (export "new" (func $counter-new))))
    (with "host" (instance (export "log" (func $log-core))))))

  ;; The types of bench:calls/types the world uses, exported by name so that the exports may refer to them.
  (type $triple (record (field "a" s32) (field "b" s32) (field "c" s32)))
  (export $triple-e "triple" (type $triple))
  (type $message (variant (case "ping") (case "number" u64) (case "text" string)))
  (export $message-e "message" (type $message))

  ;; export counters (bench:calls/counters), through a nested component that names the resource
  (func $counter-ctor (param "start" u32) (result (own $counter)) (canon lift (core func $i "counter-ctor")))
  (func $counter-add (param "self" (borrow $counter)) (param "by" u32) (result u32) (canon lift (core func $i "counter-add")))
  (component $counters-shim
    (import "import-type-counter" (type $r (sub resource)))
    (import "import-constructor-counter" (func $ctor (param "start" u32) (result (own $r))))
    (import "import-method-counter-add" (func $add (param "self" (borrow $r)) (param "by" u32) (result u32)))
    (export $counter "counter" (type $r))
    (export "[constructor]counter" (func $ctor) (func (param "start" u32) (result (own $counter))))
    (export "[method]counter.add" (func $add) (func (param "self" (borrow $counter)) (param "by" u32) (result u32))))
  (instance $counters (instantiate $counters-shim
    (with "import-type-counter" (type $counter))
    (with "import-constructor-counter" (func $counter-ctor))
    (with "import-method-counter-add" (func $counter-add))))
  (export "bench:calls/counters" (instance $counters))

  ;; world exports
  (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
  (func $echo (param "s" string) (result string)
    (canon lift (core func $i "echo-ptr-len") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $echo-utf16 (param "s" string) (result string)
    (canon lift (core func $i "echo-ptr-len") string-encoding=utf16 (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $echo-triple (param "t" $triple-e) (result $triple-e)
    (canon lift (core func $i "echo-triple") (memory (core memory $libc "memory"))))
  (func $echo-message (param "m" $message-e) (result $message-e)
    (canon lift (core func $i "echo-message") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $echo-option (param "o" (option u32)) (result (option u32))
    (canon lift (core func $i "echo-option") (memory (core memory $libc "memory"))))
  (func $sum (param "values" (list u32)) (result u64)
    (canon lift (core func $i "sum") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $echo-bytes (param "b" (list u8)) (result (list u8))
    (canon lift (core func $i "echo-ptr-len") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $relay (param "message" string)
    (canon lift (core func $i "relay") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (export "add" (func $add))
  (export "echo" (func $echo))
  (export "echo-utf16" (func $echo-utf16))
  (export "echo-triple" (func $echo-triple))
  (export "echo-message" (func $echo-message))
  (export "echo-option" (func $echo-option))
  (export "sum" (func $sum))
  (export "echo-bytes" (func $echo-bytes))
  (export "relay" (func $relay)))
