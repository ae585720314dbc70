;; Entering rules between nested component instances. A component may not call into its own instance, a parent
;; or a child (the specification's reference tests trap on both "for now", as Wasmtime does); siblings may call
;; each other. A trap poisons the instance that trapped; other instances and the host carry on.

;; host -> parent -> child -> parent: the parent lowers the child's export, the child imports a parent function.
(component $donut
  (core module $pm (func (export "back") (result i32) (i32.const 7)))
  (core instance $pi (instantiate $pm))
  (func $back (result u32) (canon lift (core func $pi "back")))
  (component $child
    (import "back" (func $back (result u32)))
    (core func $back (canon lower (func $back)))
    (core module $cm
      (import "" "back" (func $back (result i32)))
      (func (export "run") (result i32) (call $back)))
    (core instance $ci (instantiate $cm (with "" (instance (export "back" (func $back))))))
    (func (export "run") (result u32) (canon lift (core func $ci "run"))))
  (instance $c (instantiate $child (with "back" (func $back))))
  (core func $run (canon lower (func $c "run")))
  (core module $om
    (import "" "run" (func $run (result i32)))
    (func (export "outer") (result i32) (call $run))
    (func (export "ping") (result i32) (i32.const 42)))
  (core instance $oi (instantiate $om (with "" (instance (export "run" (func $run))))))
  (func (export "outer") (result u32) (canon lift (core func $oi "outer")))
  (func (export "ping") (result u32) (canon lift (core func $oi "ping")))
  (export "child-run" (func $c "run")))

(component instance $a $donut)
(assert_trap (invoke "outer") "cannot enter component instance")
(assert_trap (invoke "ping") "unusable after an earlier trap")

;; The host calls the child directly; the child calls into its parent.
(component instance $b $donut)
(assert_trap (invoke "child-run") "cannot enter component instance")

;; Another instance of the same component is untouched.
(component instance $c $donut)
(assert_return (invoke "ping") (u32.const 42))

;; Siblings: one child's export is another child's import.
(component
  (component $leaf
    (core module $m (func (export "k") (result i32) (i32.const 21)))
    (core instance $i (instantiate $m))
    (func (export "k") (result u32) (canon lift (core func $i "k"))))
  (component $twice
    (import "k" (func $k (result u32)))
    (core func $k (canon lower (func $k)))
    (core module $m
      (import "" "k" (func $k (result i32)))
      (func (export "twice") (result i32) (i32.mul (call $k) (i32.const 2))))
    (core instance $i (instantiate $m (with "" (instance (export "k" (func $k))))))
    (func (export "twice") (result u32) (canon lift (core func $i "twice"))))
  (instance $leaf (instantiate $leaf))
  (instance $t (instantiate $twice (with "k" (func $leaf "k"))))
  (export "twice" (func $t "twice")))
(assert_return (invoke "twice") (u32.const 42))

;; A component that lowers its own lifted function and calls it.
(component
  (core module $m (func (export "seven") (result i32) (i32.const 7)))
  (core instance $i (instantiate $m))
  (func $seven (result u32) (canon lift (core func $i "seven")))
  (core func $seven (canon lower (func $seven)))
  (core module $n
    (import "" "seven" (func $seven (result i32)))
    (func (export "run") (result i32) (call $seven)))
  (core instance $j (instantiate $n (with "" (instance (export "seven" (func $seven))))))
  (func (export "run") (result u32) (canon lift (core func $j "run"))))
(assert_trap (invoke "run") "cannot enter component instance")
