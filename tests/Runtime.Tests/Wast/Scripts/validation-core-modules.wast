;; Core modules, module types and core instances: core code is validated when the component is loaded,
;; imports and exports must be representable by the host, and instantiations must supply every import.

;; Valid: every kind of import satisfied, a larger memory for a smaller one, a mutable global kept mutable.
(component
  (core module $provider
    (func (export "f") (param i32) (result i32) (local.get 0))
    (table (export "t") 2 funcref)
    (memory (export "m") 2 4)
    (global (export "g") (mut i32) (i32.const 7))
    (global (export "e") externref (ref.null extern)))
  (core instance $p (instantiate $provider))
  (core module $consumer
    (import "p" "f" (func (param i32) (result i32)))
    (import "p" "t" (table 1 funcref))
    (import "p" "m" (memory 1 8))
    (import "p" "g" (global (mut i32)))
    (import "p" "e" (global externref)))
  (core instance (instantiate $consumer (with "p" (instance $p))))
  (core instance (instantiate $consumer (with "p" (instance
    (export "f" (func $p "f"))
    (export "t" (table $p "t"))
    (export "m" (memory $p "m"))
    (export "g" (global $p "g"))
    (export "e" (global $p "e"))))))
)

;; Valid: a module type with its own types and an outer alias of the component's core type.
(component definition $C
  (core type $unary (func (param i32) (result i32)))
  (core type $shape (module
    (type $nullary (func))
    (alias outer $C $unary (type $u))
    (import "env" "tick" (func (type $nullary)))
    (import "env" "mem" (memory 1))
    (export "run" (func (type $u)))))
  (import "plugin" (core module $plugin (type $shape)))
)

;; Core code is validated at load: an ill-typed body is refused.
(assert_invalid
  (component (core module (func (result i32) (i64.const 0))))
  "type mismatch")

;; Two-level import names must be unique: they mangle to one name.
(assert_invalid
  (component
    (core module
      (import "env" "x" (global i32))
      (import "env" "x" (global i32))))
  "duplicate import name `env:x`")

;; Reference types other than funcref and externref cannot cross the host boundary in imports and exports.
(assert_invalid
  (component (core module (import "env" "g" (global (ref null i31)))))
  "reference type")

(assert_invalid
  (component (core module (func (export "f") (param anyref))))
  "reference type")

(assert_invalid
  (component (core module (func (export "f") (param (ref func)) (unreachable))))
  "reference type")

(assert_invalid
  (component
    (core module
      (type $t (struct))
      (table (export "t") 1 (ref null $t))))
  "reference type")

;; Module types are valid on their own.
(assert_invalid
  (component (core type (module (import "a" "b" (func (type 3))))))
  "type index out of bounds")

(assert_invalid
  (component (core type (module (export "run" (func)) (export "run" (func)))))
  "export name `run` already defined")

(assert_invalid
  (component (core type (module (import "a" "m" (memory 65537)))))
  "memory size must be at most")

(assert_invalid
  (component (core type (module (import "a" "m" (memory 2 1)))))
  "minimum must not be greater than maximum")

(assert_invalid
  (component (core type (module (import "a" "b" (func)) (import "a" "b" (func)))))
  "duplicate import name `a:b`")

;; Instantiation supplies every import with an export of the right sort and type.
(assert_invalid
  (component
    (core module $needs (import "env" "f" (func)))
    (core instance (instantiate $needs)))
  "missing module instantiation argument named `env`")

(assert_invalid
  (component
    (core module $needs (import "env" "f" (func)))
    (core module $empty)
    (core instance $e (instantiate $empty))
    (core instance (instantiate $needs (with "env" (instance $e)))))
  "does not export an item named `f`")

(assert_invalid
  (component
    (core module $needs (import "env" "f" (func)))
    (core module $has (memory (export "f") 1))
    (core instance $h (instantiate $has))
    (core instance (instantiate $needs (with "env" (instance $h)))))
  "but it is not a function")

(assert_invalid
  (component
    (core module $needs (import "env" "f" (func (param i32))))
    (core module $has (func (export "f") (param i64)))
    (core instance $h (instantiate $has))
    (core instance (instantiate $needs (with "env" (instance $h)))))
  "function type mismatch")

(assert_invalid
  (component
    (core module $needs (import "env" "m" (memory 2)))
    (core module $has (memory (export "m") 1))
    (core instance $h (instantiate $has))
    (core instance (instantiate $needs (with "env" (instance $h)))))
  "memory type mismatch")

(assert_invalid
  (component
    (core module $needs (import "env" "g" (global (mut i32))))
    (core module $has (global (export "g") i32 (i32.const 0)))
    (core instance $h (instantiate $has))
    (core instance (instantiate $needs (with "env" (instance $h)))))
  "global type mismatch")

(assert_invalid
  (component
    (core module $needs (import "env" "t" (table 1 2 funcref)))
    (core module $has (table (export "t") 1 funcref))
    (core instance $h (instantiate $has))
    (core instance (instantiate $needs (with "env" (instance $h)))))
  "table type mismatch")

(assert_invalid
  (component
    (core module $m)
    (core instance $i (instantiate $m))
    (core instance (instantiate $m (with "a" (instance $i)) (with "a" (instance $i)))))
  "duplicate module instantiation argument named `a`")

(assert_invalid
  (component
    (core module $m (func (export "f")))
    (core instance $i (instantiate $m))
    (core instance (export "g" (func $i "f")) (export "g" (func $i "f"))))
  "export name `g` already defined")

;; Exception tags pass between core instances, directly, through an alias and through inline exports; the
;; tag keeps its identity (the thrown exception is caught by the importer's handler for the same tag).
(component
  (core module $thrower
    (tag $oops (export "oops") (param i32))
    (func (export "fail") (param i32) (local.get 0) (throw $oops)))
  (core instance $t (instantiate $thrower))
  (alias core export $t "oops" (core tag $oops))
  (core module $catcher
    (import "t" "oops" (tag $oops (param i32)))
    (import "t" "fail" (func $fail (param i32)))
    (func (export "try") (param i32) (result i32)
      (block $caught (result i32)
        (try_table (catch $oops $caught) (call $fail (local.get 0)))
        (i32.const -1))))
  (core instance $direct (instantiate $catcher (with "t" (instance $t))))
  (core instance $inline (instantiate $catcher (with "t" (instance
    (export "oops" (tag $oops))
    (export "fail" (func $t "fail"))))))
  (func (export "try-direct") (param "x" s32) (result s32) (canon lift (core func $direct "try")))
  (func (export "try-inline") (param "x" s32) (result s32) (canon lift (core func $inline "try")))
)
(assert_return (invoke "try-direct" (s32.const 7)) (s32.const 7))
(assert_return (invoke "try-inline" (s32.const 9)) (s32.const 9))

(assert_invalid
  (component
    (core module $a (tag (export "t") (param f32)))
    (core instance $i (instantiate $a))
    (core module $b (import "a" "t" (tag (param i32))))
    (core instance (instantiate $b (with "a" (instance $i)))))
  "tag type mismatch")
