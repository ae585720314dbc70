;; Index spaces and sorts: a definition may only use indices added before it, and each index must name a
;; definition of the kind its position needs.

;; Valid: types used after they are defined; imports, aliases and exports each add an index.
(component definition
  (type $n u32)
  (type $point' (record (field "x" $n) (field "y" $n)))
  (import "point" (type $point (eq $point')))
  (type $points (list $point))
  (import "draw" (func $draw (param "p" $points)))
  (export "draw-again" (func $draw))
  (export "draw-third" (func 1))
  (import "shapes" (instance $shapes
    (export "area" (func (result f64)))
    (export "unit" (type (sub resource)))))
  (alias export $shapes "area" (func $area))
  (alias export $shapes "unit" (type $unit))
  (type $owned (own $unit))
  (type $lent (borrow $unit))
  (type $api (func (param "u" $lent) (result $owned)))
  (import "make" (func (type $api)))
)

;; Valid: exports of a nested component's instance and of inline instances, by name and sort.
(component definition
  (component $inner
    (core module $m (func (export "f")))
    (core instance $i (instantiate $m))
    (func $f (canon lift (core func $i "f")))
    (export "f" (func $f))
    (export "m" (core module $m)))
  (instance $a (instantiate $inner))
  (alias export $a "f" (func $f))
  (alias export $a "m" (core module $m))
  (instance $bundle (export "g" (func $f)) (export "n" (core module $m)))
  (alias export $bundle "g" (func))
  (alias export $bundle "n" (core module))
)

;; An index only exists after the definition that adds it.
(assert_invalid
  (component binary
    "\00asm" "\0d\00\01\00"
    "\07\04\02"            ;; type section (4 bytes), 2 types
    "\70\01"               ;; (list (type 1)): type 1 is defined next, not before
    "\79")                 ;; u32
  "type index out of bounds")

(assert_invalid
  (component (import "f" (func (type 0))))
  "type index out of bounds")

(assert_invalid
  (component (export "f" (func 0)))
  "function index out of bounds")

(assert_invalid
  (component (core instance (instantiate 0)))
  "core module index out of bounds")

(assert_invalid
  (component (instance (instantiate 0)))
  "component index out of bounds")

(assert_invalid
  (component (core instance (export "x" (memory 0))))
  "core memory index out of bounds")

;; Type references of the wrong kind.
(assert_invalid
  (component
    (type $n u8)
    (import "f" (func (type $n))))
  "is not a function type")

(assert_invalid
  (component
    (type $f (func))
    (type (list $f)))
  "is not a value type")

(assert_invalid
  (component
    (type $r (resource (rep i32)))
    (type (option $r)))
  "found resource")

(assert_invalid
  (component
    (type $i (instance))
    (import "c" (component (type $i))))
  "is not a component type")

(assert_invalid
  (component
    (type $c (component))
    (import "i" (instance (type $c))))
  "is not an instance type")

(assert_invalid
  (component
    (core type $f (func))
    (import "m" (core module (type $f))))
  "is not a module type")

(assert_invalid
  (component
    (type $list (list u8))
    (type (own $list)))
  "is not a resource type")

;; Export aliases name an export that exists, with the aliased sort.
(assert_invalid
  (component
    (import "i" (instance $i (export "f" (func))))
    (alias export $i "g" (func)))
  "has no export named `g`")

(assert_invalid
  (component
    (import "i" (instance $i (export "f" (func))))
    (alias export $i "f" (instance)))
  "is a func, not an instance")

(assert_invalid
  (component
    (core module $m (memory (export "mem") 1))
    (core instance $i (instantiate $m))
    (alias core export $i "mem" (core func)))
  "is a core memory, not a core func")

(assert_invalid
  (component
    (core module $m)
    (core instance $i (instantiate $m))
    (alias core export $i "missing" (core func)))
  "has no export named `missing`")

;; Only core modules among the core sorts pass between components.
(assert_invalid
  (component binary
    "\00asm" "\0d\00\01\00"
    "\08\02\01\24"                           ;; canon section: backpressure.inc (core func 0)
    "\05\09\01\01\01\00\01f\00\00\00")       ;; instance of inline exports: "f" = core func 0
  "cannot be passed between components")

;; Built-ins with a type immediate need the right kind of type.
(assert_invalid
  (component
    (type $s (stream u8))
    (canon future.new $s (core func)))
  "is not a future type")

;; A start function takes as many values as the start definition passes (and returns as many as it expects).
(component
  (core module $m (func (export "init")))
  (core instance $i (instantiate $m))
  (func $init (canon lift (core func $i "init")))
  (start $init))

(assert_invalid
  (component
    (core module $m (func (export "init") (param i32)))
    (core instance $i (instantiate $m))
    (func $init (param "x" u32) (canon lift (core func $i "init")))
    (start $init))
  "takes 1 arguments, but the start definition passes 0")
