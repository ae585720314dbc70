;; Canonical options the runtime cannot run are refused before guest code runs: a 64-bit memory when the component
;; is loaded (the canonical ABI here is 32-bit), the gc option when it is instantiated.

;; A 64-bit memory as the memory option of a lift.
(assert_invalid
  (component
    (core module $m
      (memory (export "mem") i64 1)
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 64))
      (func (export "len") (param i32 i32) (result i32) (local.get 1)))
    (core instance $i (instantiate $m))
    (func (export "len") (param "s" string) (result u32)
      (canon lift (core func $i "len") (memory (core memory $i "mem")) (realloc (core func $i "realloc")))))
  "64-bit memory")

;; A 64-bit memory as the memory option of a lower.
(assert_invalid
  (component
    (component $callee
      (core module $m (memory (export "mem") 1) (func (export "f") (param i32 i32)))
      (core instance $i (instantiate $m))
      (func (export "f") (param "s" string) (canon lift (core func $i "f") (memory (core memory $i "mem")))))
    (core module $mem (memory (export "mem") i64 1))
    (core instance $mem (instantiate $mem))
    (instance $c (instantiate $callee))
    (core func $f (canon lower (func $c "f") (memory (core memory $mem "mem")))))
  "64-bit memory")

;; The gc option.
(assert_unlinkable
  (component
    (core type $t (func (param i32) (result i32)))
    (core module $m (func (export "f") (param i32) (result i32) (local.get 0)))
    (core instance $i (instantiate $m))
    (func (export "f") (param "x" u32) (result u32) (canon lift (core func $i "f") gc (core-type $t))))
  "gc")
