;; Fixture for tests/Bindings.Tests/wit/echoes.wit, world `echoes`, written by hand per the canonical ABI.
;;
;; Memory map: the bump allocator (libc) hands out memory from 4096 up and grows the memory when it runs
;; out; exports that return more than one flat value use the static return area at 1024 (8-aligned),
;; and the relays let the lowered imports write their results to the same area before returning it.
(component
  ;; world import: now: func() -> u64
  (import "now" (func $now (result u64)))

  ;; import host (test:echoes/host); point and shape are declared structurally inside the instance type
  (import "test:echoes/host" (instance $host
    (type $point (record (field "x" s32) (field "y" s32) (field "z" s32)))
    (export "point" (type $point-e (eq $point)))
    (type $shape (variant (case "circle" f32) (case "rect" $point-e) (case "empty") (case "named" string)))
    (export "shape" (type $shape-e (eq $shape)))
    (export "log" (func (param "message" string)))
    (export "double" (func (param "x" u32) (result u32)))
    (export "transform" (func (param "p" $point-e) (result $point-e)))
    (export "reverse" (func (param "items" (list string)) (result (list string))))
    (export "describe" (func (param "s" $shape-e) (result (option string))))))
  (alias export $host "log" (func $log))
  (alias export $host "double" (func $double))
  (alias export $host "transform" (func $transform))
  (alias export $host "reverse" (func $reverse))
  (alias export $host "describe" (func $describe))

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

  ;; The imports, lowered.
  (core func $now-core (canon lower (func $now)))
  (core func $log-core (canon lower (func $log) (memory (core memory $libc "memory"))))
  (core func $double-core (canon lower (func $double)))
  ;; point result: 3 flat values > MAX_FLAT_RESULTS, so (x, y, z, retptr) -> ()
  (core func $transform-core (canon lower (func $transform) (memory (core memory $libc "memory"))))
  ;; (ptr, len, retptr) -> ()
  (core func $reverse-core (canon lower (func $reverse) (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  ;; shape flattens to 4 values; option<string> result to 3: (disc, p0, p1, p2, retptr) -> ()
  (core func $describe-core (canon lower (func $describe) (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))

  (core module $m
    (import "libc" "memory" (memory 1))
    (import "host" "now" (func $now (result i64)))
    (import "host" "log" (func $log (param i32 i32)))
    (import "host" "double" (func $double (param i32) (result i32)))
    (import "host" "transform" (func $transform (param i32 i32 i32 i32)))
    (import "host" "reverse" (func $reverse (param i32 i32 i32)))
    (import "host" "describe" (func $describe (param i32 i32 i32 i32 i32)))

    ;; Single flat value: the core function returns its argument.
    (func (export "echo-i32") (param i32) (result i32) (local.get 0))
    (func (export "echo-i64") (param i64) (result i64) (local.get 0))
    (func (export "echo-f32") (param f32) (result f32) (local.get 0))
    (func (export "echo-f64") (param f64) (result f64) (local.get 0))

    ;; (ptr, len) of a string or list: stored at the return area (ptr at +0, len at +4).
    (func (export "echo-ptr-len") (param i32 i32) (result i32)
      (i32.store (i32.const 1024) (local.get 0))
      (i32.store (i32.const 1028) (local.get 1))
      (i32.const 1024))

    ;; point { x, y, z: s32 }: size 12, align 4.
    (func (export "echo-point") (param i32 i32 i32) (result i32)
      (i32.store (i32.const 1024) (local.get 0))
      (i32.store (i32.const 1028) (local.get 1))
      (i32.store (i32.const 1032) (local.get 2))
      (i32.const 1024))

    ;; shape: u8 discriminant at +0, payload at +4 (max payload align 4), size 16. The flat payload is
    ;; the join of [f32], [i32 i32 i32], [] and [i32 i32] = [i32 i32 i32]; storing the three words as they
    ;; are writes each case's payload bytes (f32 bits for circle, x y z for rect, ptr len for named) and
    ;; leaves the rest as padding.
    (func (export "echo-shape") (param i32 i32 i32 i32) (result i32)
      (i32.store8 (i32.const 1024) (local.get 0))
      (i32.store (i32.const 1028) (local.get 1))
      (i32.store (i32.const 1032) (local.get 2))
      (i32.store (i32.const 1036) (local.get 3))
      (i32.const 1024))

    ;; many: 32 flags (the maximum) = one i32, returned flat.
    (func (export "echo-many") (param i32) (result i32) (local.get 0))

    ;; option<string> and result<u32, string>: u8 discriminant at +0, payload at +4 (ptr or u32 at +4,
    ;; len at +8), size 12.
    (func (export "echo-disc-pair") (param i32 i32 i32) (result i32)
      (i32.store8 (i32.const 1024) (local.get 0))
      (i32.store (i32.const 1028) (local.get 1))
      (i32.store (i32.const 1032) (local.get 2))
      (i32.const 1024))

    ;; option<option<u32>>: outer u8 discriminant at +0; inner option<u32> at +4 (u8 discriminant at +4,
    ;; u32 at +8); size 12. Flat: [outer, inner, value].
    (func (export "echo-nested") (param i32 i32 i32) (result i32)
      (i32.store8 (i32.const 1024) (local.get 0))
      (i32.store8 (i32.const 1028) (local.get 1))
      (i32.store (i32.const 1032) (local.get 2))
      (i32.const 1024))

    ;; tuple<u8, string, f64>: u8 at +0, string (ptr, len) at +4, f64 at +16; size 24, align 8.
    (func (export "echo-tuple") (param i32 i32 i32 f64) (result i32)
      (i32.store8 (i32.const 1024) (local.get 0))
      (i32.store (i32.const 1028) (local.get 1))
      (i32.store (i32.const 1032) (local.get 2))
      (f64.store (i32.const 1040) (local.get 3))
      (i32.const 1024))

    ;; calc.add (wrapping) and calc.sum (u32 elements summed as u64).
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (func (export "sum") (param $ptr i32) (param $len i32) (result i64) (local $total i64)
      (block $done (loop $next
        (br_if $done (i32.eqz (local.get $len)))
        (local.set $total (i64.add (local.get $total) (i64.extend_i32_u (i32.load (local.get $ptr)))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 4)))
        (local.set $len (i32.sub (local.get $len) (i32.const 1)))
        (br $next)))
      (local.get $total))

    ;; 17 flat parameters > MAX_FLAT_PARAMS: one pointer to a tuple of 17 u32 (size 68, align 4).
    (func (export "sum17") (param $ptr i32) (result i32) (local $i i32) (local $total i32)
      (block $done (loop $next
        (br_if $done (i32.eq (local.get $i) (i32.const 17)))
        (local.set $total (i32.add (local.get $total) (i32.load (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (local.get $total))

    (func (export "nothing"))

    ;; Relays: call the lowered import and return its result.
    (func (export "relay-log") (param i32 i32) (call $log (local.get 0) (local.get 1)))
    (func (export "relay-double") (param i32) (result i32) (call $double (local.get 0)))
    (func (export "relay-transform") (param i32 i32 i32) (result i32)
      (call $transform (local.get 0) (local.get 1) (local.get 2) (i32.const 1024))
      (i32.const 1024))
    (func (export "relay-reverse") (param i32 i32) (result i32)
      (call $reverse (local.get 0) (local.get 1) (i32.const 1024))
      (i32.const 1024))
    (func (export "relay-describe") (param i32 i32 i32 i32) (result i32)
      (call $describe (local.get 0) (local.get 1) (local.get 2) (local.get 3) (i32.const 1024))
      (i32.const 1024))
    (func (export "relay-now") (result i64) (call $now))

    ;; Misbehaving exports.
    (func (export "bad-string") (result i32)
      (i32.store (i32.const 1024) (i32.const 0xFFFF0000))
      (i32.store (i32.const 1028) (i32.const 100))
      (i32.const 1024))
    (func (export "bad-char") (result i32) (i32.const 0xD800))
    (func (export "bad-color") (result i32) (i32.const 7))
    (func (export "bad-shape") (result i32)
      (i32.store8 (i32.const 1024) (i32.const 9))
      (i32.store (i32.const 1028) (i32.const 0))
      (i32.store (i32.const 1032) (i32.const 0))
      (i32.store (i32.const 1036) (i32.const 0))
      (i32.const 1024)))
  (core instance $i (instantiate $m
    (with "libc" (instance $libc))
    (with "host" (instance
      (export "now" (func $now-core))
      (export "log" (func $log-core))
      (export "double" (func $double-core))
      (export "transform" (func $transform-core))
      (export "reverse" (func $reverse-core))
      (export "describe" (func $describe-core))))))

  ;; The types of test:echoes/types the world uses, exported by name so that the exports may refer to them.
  (type $point (record (field "x" s32) (field "y" s32) (field "z" s32)))
  (export $point-e "point" (type $point))
  (type $shape (variant (case "circle" f32) (case "rect" $point-e) (case "empty") (case "named" string)))
  (export $shape-e "shape" (type $shape))
  (type $color (enum "red" "green" "blue"))
  (export $color-e "color" (type $color))
  (type $perms (flags "read" "write" "exec"))
  (export $perms-e "perms" (type $perms))
  (type $many (flags "b0" "b1" "b2" "b3" "b4" "b5" "b6" "b7" "b8" "b9" "b10" "b11" "b12" "b13" "b14" "b15" "b16" "b17" "b18" "b19" "b20" "b21" "b22" "b23" "b24" "b25" "b26" "b27" "b28" "b29" "b30" "b31"))
  (export $many-e "many" (type $many))

  ;; export calc (test:echoes/calc)
  (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
  (func $sum (param "values" (list u32)) (result u64)
    (canon lift (core func $i "sum") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (instance $calc (export "add" (func $add)) (export "sum" (func $sum)))
  (export "test:echoes/calc" (instance $calc))

  (func $echo-bool (param "x" bool) (result bool) (canon lift (core func $i "echo-i32")))
  (func $echo-s8 (param "x" s8) (result s8) (canon lift (core func $i "echo-i32")))
  (func $echo-u8 (param "x" u8) (result u8) (canon lift (core func $i "echo-i32")))
  (func $echo-s16 (param "x" s16) (result s16) (canon lift (core func $i "echo-i32")))
  (func $echo-u16 (param "x" u16) (result u16) (canon lift (core func $i "echo-i32")))
  (func $echo-s32 (param "x" s32) (result s32) (canon lift (core func $i "echo-i32")))
  (func $echo-u32 (param "x" u32) (result u32) (canon lift (core func $i "echo-i32")))
  (func $echo-s64 (param "x" s64) (result s64) (canon lift (core func $i "echo-i64")))
  (func $echo-u64 (param "x" u64) (result u64) (canon lift (core func $i "echo-i64")))
  (func $echo-f32 (param "x" f32) (result f32) (canon lift (core func $i "echo-f32")))
  (func $echo-f64 (param "x" f64) (result f64) (canon lift (core func $i "echo-f64")))
  (func $echo-char (param "x" char) (result char) (canon lift (core func $i "echo-i32")))
  (func $echo-string (param "x" string) (result string)
    (canon lift (core func $i "echo-ptr-len") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $echo-bytes (param "x" (list u8)) (result (list u8))
    (canon lift (core func $i "echo-ptr-len") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $echo-u32s (param "x" (list u32)) (result (list u32))
    (canon lift (core func $i "echo-ptr-len") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $echo-strings (param "x" (list string)) (result (list string))
    (canon lift (core func $i "echo-ptr-len") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $echo-points (param "x" (list $point-e)) (result (list $point-e))
    (canon lift (core func $i "echo-ptr-len") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $echo-point (param "x" $point-e) (result $point-e)
    (canon lift (core func $i "echo-point") (memory (core memory $libc "memory"))))
  (func $echo-shape (param "x" $shape-e) (result $shape-e)
    (canon lift (core func $i "echo-shape") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $echo-shapes (param "x" (list $shape-e)) (result (list $shape-e))
    (canon lift (core func $i "echo-ptr-len") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $echo-color (param "x" $color-e) (result $color-e) (canon lift (core func $i "echo-i32")))
  (func $echo-perms (param "x" $perms-e) (result $perms-e) (canon lift (core func $i "echo-i32")))
  (func $echo-many (param "x" $many-e) (result $many-e) (canon lift (core func $i "echo-many")))
  (func $echo-option (param "x" (option string)) (result (option string))
    (canon lift (core func $i "echo-disc-pair") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $echo-nested (param "x" (option (option u32))) (result (option (option u32)))
    (canon lift (core func $i "echo-nested") (memory (core memory $libc "memory"))))
  (func $echo-result (param "x" (result u32 (error string))) (result (result u32 (error string)))
    (canon lift (core func $i "echo-disc-pair") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $echo-unit-result (param "x" (result)) (result (result)) (canon lift (core func $i "echo-i32")))
  (func $echo-tuple (param "x" (tuple u8 string f64)) (result (tuple u8 string f64))
    (canon lift (core func $i "echo-tuple") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $sum17
    (param "a1" u32) (param "a2" u32) (param "a3" u32) (param "a4" u32) (param "a5" u32) (param "a6" u32)
    (param "a7" u32) (param "a8" u32) (param "a9" u32) (param "a10" u32) (param "a11" u32) (param "a12" u32)
    (param "a13" u32) (param "a14" u32) (param "a15" u32) (param "a16" u32) (param "a17" u32) (result u32)
    (canon lift (core func $i "sum17") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $nothing (canon lift (core func $i "nothing")))
  (func $relay-log (param "message" string)
    (canon lift (core func $i "relay-log") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $relay-double (param "x" u32) (result u32) (canon lift (core func $i "relay-double")))
  (func $relay-transform (param "p" $point-e) (result $point-e)
    (canon lift (core func $i "relay-transform") (memory (core memory $libc "memory"))))
  (func $relay-reverse (param "items" (list string)) (result (list string))
    (canon lift (core func $i "relay-reverse") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $relay-describe (param "s" $shape-e) (result (option string))
    (canon lift (core func $i "relay-describe") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (func $relay-now (result u64) (canon lift (core func $i "relay-now")))
  (func $bad-string (result string) (canon lift (core func $i "bad-string") (memory (core memory $libc "memory"))))
  (func $bad-char (result char) (canon lift (core func $i "bad-char")))
  (func $bad-color (result $color-e) (canon lift (core func $i "bad-color")))
  (func $bad-shape (result $shape-e) (canon lift (core func $i "bad-shape") (memory (core memory $libc "memory"))))

  (export "echo-bool" (func $echo-bool))
  (export "echo-s8" (func $echo-s8))
  (export "echo-u8" (func $echo-u8))
  (export "echo-s16" (func $echo-s16))
  (export "echo-u16" (func $echo-u16))
  (export "echo-s32" (func $echo-s32))
  (export "echo-u32" (func $echo-u32))
  (export "echo-s64" (func $echo-s64))
  (export "echo-u64" (func $echo-u64))
  (export "echo-f32" (func $echo-f32))
  (export "echo-f64" (func $echo-f64))
  (export "echo-char" (func $echo-char))
  (export "echo-string" (func $echo-string))
  (export "echo-bytes" (func $echo-bytes))
  (export "echo-u32s" (func $echo-u32s))
  (export "echo-strings" (func $echo-strings))
  (export "echo-points" (func $echo-points))
  (export "echo-point" (func $echo-point))
  (export "echo-shape" (func $echo-shape))
  (export "echo-shapes" (func $echo-shapes))
  (export "echo-color" (func $echo-color))
  (export "echo-perms" (func $echo-perms))
  (export "echo-many" (func $echo-many))
  (export "echo-option" (func $echo-option))
  (export "echo-nested" (func $echo-nested))
  (export "echo-result" (func $echo-result))
  (export "echo-unit-result" (func $echo-unit-result))
  (export "echo-tuple" (func $echo-tuple))
  (export "sum17" (func $sum17))
  (export "nothing" (func $nothing))
  (export "relay-log" (func $relay-log))
  (export "relay-double" (func $relay-double))
  (export "relay-transform" (func $relay-transform))
  (export "relay-reverse" (func $relay-reverse))
  (export "relay-describe" (func $relay-describe))
  (export "relay-now" (func $relay-now))
  (export "bad-string" (func $bad-string))
  (export "bad-char" (func $bad-char))
  (export "bad-color" (func $bad-color))
  (export "bad-shape" (func $bad-shape)))
