;; Canonical definitions: which options a lift or lower needs, where each option may appear, the core types
;; of realloc, post-return and the lifted core function, and which resources resource.new/rep accept.

;; Valid: a string round trip with memory, realloc and a post-return taking the lifted function's result.
(component
  (core module $m
    (memory (export "mem") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 64))
    (func (export "echo") (param i32 i32) (result i32)
      (i32.store (i32.const 8) (local.get 0))
      (i32.store (i32.const 12) (local.get 1))
      (i32.const 8))
    (func (export "free") (param i32)))
  (core instance $i (instantiate $m))
  (func (export "echo") (param "s" string) (result string)
    (canon lift (core func $i "echo")
      (memory (core memory $i "mem")) (realloc (core func $i "realloc"))
      (post-return (core func $i "free"))))
)
(assert_return (invoke "echo" (str.const "hi")) (str.const "hi"))

;; Valid: seventeen flat parameters are passed through memory as one pointer (realloc needed on a lift);
;; two flat results come back through a pointer the lowering passes (memory needed on a lower).
(component definition
  (type $wide (func
    (param "a" u32) (param "b" u32) (param "c" u32) (param "d" u32) (param "e" u32) (param "f" u32)
    (param "g" u32) (param "h" u32) (param "i" u32) (param "j" u32) (param "k" u32) (param "l" u32)
    (param "m" u32) (param "n" u32) (param "o" u32) (param "p" u32) (param "q" u32)))
  (core module $m
    (memory (export "mem") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 64))
    (func (export "wide") (param i32)))
  (core instance $i (instantiate $m))
  (func (type $wide) (canon lift (core func $i "wide")
    (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
  (import "pair" (func $pair (result (tuple u64 f32))))
  (core func $pair-lowered (canon lower (func $pair) (memory (core memory $i "mem"))))
  (core module $user (import "" "pair" (func (param i32))))
  (core instance (instantiate $user (with "" (instance (export "pair" (func $pair-lowered))))))
)

;; Valid: variants flatten to the join of their cases (here i64, then f64 after the discriminant).
(component
  (core module $m
    (func (export "pick") (param i32 i64 f64) (result i32) (local.get 0)))
  (core instance $i (instantiate $m))
  (type $v' (variant (case "a" f32) (case "b" u64) (case "c" (tuple u8 f64))))
  (export $v "v" (type $v'))
  (func (export "pick") (param "v" $v) (result u32) (canon lift (core func $i "pick")))
)

;; A list parameter of a lift needs memory and realloc.
(assert_invalid
  (component
    (core module $m (memory (export "mem") 1) (func (export "f") (param i32 i32)))
    (core instance $i (instantiate $m))
    (func (param "l" (list u8)) (canon lift (core func $i "f") (memory (core memory $i "mem")))))
  "canonical option `realloc` is required")

;; A string result of a lift needs memory.
(assert_invalid
  (component
    (core module $m (func (export "f") (result i32) (i32.const 0)))
    (core instance $i (instantiate $m))
    (func (result string) (canon lift (core func $i "f"))))
  "canonical option `memory` is required")

;; A lowered import returning a list needs realloc; one taking a string needs memory.
(assert_invalid
  (component
    (import "f" (func $f (result (list u32))))
    (core module $m (memory (export "mem") 1))
    (core instance $i (instantiate $m))
    (core func (canon lower (func $f) (memory (core memory $i "mem")))))
  "canonical option `realloc` is required")

(assert_invalid
  (component
    (import "f" (func $f (param "s" string)))
    (core func (canon lower (func $f))))
  "canonical option `memory` is required")

;; realloc needs memory, and the type (func (param i32 i32 i32 i32) (result i32)).
(assert_invalid
  (component
    (import "f" (func $f (result string)))
    (core module $m (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0)))
    (core instance $i (instantiate $m))
    (core func (canon lower (func $f) (realloc (core func $i "realloc")))))
  "requires `memory`")

(assert_invalid
  (component
    (import "f" (func $f (result string)))
    (core module $m
      (memory (export "mem") 1)
      (func (export "realloc") (param i32 i32) (result i32) (i32.const 0)))
    (core instance $i (instantiate $m))
    (core func (canon lower (func $f) (memory (core memory $i "mem")) (realloc (core func $i "realloc")))))
  "`realloc` uses a core function with an incorrect signature")

;; post-return only on a lift, with the lifted function's results as its parameters.
(assert_invalid
  (component
    (import "f" (func $f))
    (core module $m (func (export "post")))
    (core instance $i (instantiate $m))
    (core func (canon lower (func $f) (post-return (core func $i "post")))))
  "`post-return` cannot be specified for lowerings")

(assert_invalid
  (component
    (core module $m
      (func (export "f") (result i32) (i32.const 1))
      (func (export "post") (param i64)))
    (core instance $i (instantiate $m))
    (func (result u32) (canon lift (core func $i "f") (post-return (core func $i "post")))))
  "`post-return` uses a core function with an incorrect signature")

;; The lifted core function has exactly the flattened type.
(assert_invalid
  (component
    (core module $m (func (export "f") (param i64) (result i32) (i32.const 0)))
    (core instance $i (instantiate $m))
    (func (param "x" u32) (result u32) (canon lift (core func $i "f"))))
  "type mismatch")

(assert_invalid
  (component
    (core module $m (func (export "f") (param i32 i32)))
    (core instance $i (instantiate $m))
    (func (param "x" (tuple u8 u8 u8)) (canon lift (core func $i "f"))))
  "type mismatch")

;; async needs an async function type; callback needs async and a lift.
(assert_invalid
  (component
    (import "f" (func $f))
    (core func (canon lower (func $f) async)))
  "`async` may only be used with an `async` function type")

(assert_invalid
  (component
    (core module $m (func (export "f")) (func (export "cb") (param i32 i32 i32) (result i32) (i32.const 0)))
    (core instance $i (instantiate $m))
    (func (canon lift (core func $i "f") (callback (core func $i "cb")))))
  "`callback` requires the `async` option")

;; resource.new and resource.rep only for resources this component defines; resource.drop for any.
(component definition
  (import "imported" (type $imported (sub resource)))
  (type $local (resource (rep i32)))
  (core func (canon resource.drop $imported))
  (core func (canon resource.new $local))
  (core func (canon resource.rep $local))
  (export $exported "local" (type $local))
  (core func (canon resource.rep $exported))
)

(assert_invalid
  (component
    (import "imported" (type $imported (sub resource)))
    (core func (canon resource.new $imported)))
  "not a local resource")

(assert_invalid
  (component
    (component $child
      (type $r (resource (rep i32)))
      (export "r" (type $r)))
    (instance $c (instantiate $child))
    (alias export $c "r" (type $r))
    (core func (canon resource.new $r)))
  "not a local resource")

;; Memories of the canonical ABI are 32-bit.
(assert_invalid
  (component
    (import "f" (func $f (param "s" string)))
    (core module $m (memory (export "mem") i64 1))
    (core instance $i (instantiate $m))
    (core func (canon lower (func $f) (memory (core memory $i "mem")))))
  "64-bit memory")

;; Built-ins: the options each takes and needs, and the immediates they name.
(component definition
  (core module $m
    (memory (export "mem") 1)
    (table (export "fns") 1 funcref)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0)))
  (core instance $i (instantiate $m))
  (type $strings (stream string))
  (type $ticks (future))
  (core type $thread (func (param i32)))
  (canon stream.read $strings (memory (core memory $i "mem")) (realloc (core func $i "realloc")) (core func))
  (canon stream.write $strings async (memory (core memory $i "mem")) (core func))
  (canon future.read $ticks (core func))
  (canon task.return (result string) (memory (core memory $i "mem")) string-encoding=utf16 (core func))
  (canon error-context.debug-message (memory (core memory $i "mem")) (realloc (core func $i "realloc")) (core func))
  (canon context.get i32 1 (core func))
  (canon thread.new-indirect $thread (core table $i "fns") (core func))
)

(assert_invalid
  (component
    (core module $m (memory (export "mem") 1))
    (core instance $i (instantiate $m))
    (type $strings (stream string))
    (canon stream.read $strings (memory (core memory $i "mem")) (core func)))
  "canonical option `realloc` is required")

(assert_invalid
  (component
    (type $bytes (future (list u8)))
    (canon future.write $bytes (core func)))
  "canonical option `memory` is required")

(assert_invalid
  (component
    (core module $m
      (memory (export "mem") 1)
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0)))
    (core instance $i (instantiate $m))
    (canon task.return (result string) (memory (core memory $i "mem")) (realloc (core func $i "realloc")) (core func)))
  "cannot be specified for `task.return`")

(assert_invalid
  (component (canon error-context.new (core func)))
  "canonical option `memory` is required")

(assert_invalid
  (component (canon task.return (result u32) async (core func)))
  "cannot specify `async` option on `task.return`")

(assert_invalid
  (component (canon context.set i32 2 (core func)))
  "context slot 2 does not exist")

(assert_invalid
  (component
    (core module $m (table (export "fns") 1 funcref))
    (core instance $i (instantiate $m))
    (core type $wrong (func (param i64)))
    (canon thread.new-indirect $wrong (core table $i "fns") (core func)))
  "a thread's function has type (func (param i32))")
