;; Type checking: instantiation arguments against imports (structural value types, generative resources, type
;; imports bound by their arguments), aliases, ascribed exports and external visibility.

;; A component that takes a point and a function over it (loaded only: the host provides no imports here).
(component definition
  (type $point' (record (field "x" u32) (field "y" u32)))
  (import "point" (type $point (eq $point')))
  (component $c
    (type $p (record (field "x" u32) (field "y" u32)))
    (import "point" (type $point (eq $p)))
    (import "norm" (func (param "p" $point) (result u32))))
  (import "norm" (func $norm (param "p" $point) (result u32)))
  (instance (instantiate $c (with "point" (type $point)) (with "norm" (func $norm)))))

;; ... and refuses a structurally different one
(assert_invalid
  (component
    (type $point (record (field "x" u32) (field "z" u32)))
    (component $c
      (type $p (record (field "x" u32) (field "y" u32)))
      (import "point" (type (eq $p))))
    (instance (instantiate $c (with "point" (type $point)))))
  "expected record field `y`")

(assert_invalid
  (component
    (component $c (import "f" (func (param "a" u32))))
    (import "f" (func $f (param "a" s32)))
    (instance (instantiate $c (with "f" (func $f)))))
  "type mismatch in function parameter `a`")

(assert_invalid
  (component
    (component $c (import "f" (func (result string))))
    (import "f" (func $f (result (list u8))))
    (instance (instantiate $c (with "f" (func $f)))))
  "type mismatch with result type")

(assert_invalid
  (component
    (component $c (import "f" (func)))
    (instance (instantiate $c)))
  "missing import named `f`")

(assert_invalid
  (component
    (component $c (import "i" (instance (export "f" (func)))))
    (instance $empty)
    (instance (instantiate $c (with "i" (instance $empty)))))
  "missing expected export `f`")

(assert_invalid
  (component
    (component $c (import "f" (func)))
    (import "g" (instance $g))
    (instance (instantiate $c (with "f" (instance $g)))))
  "expected func, found instance")

;; an instance may export more than is required
(component definition
  (component $c (import "i" (instance (export "f" (func)))))
  (import "f" (func $f))
  (import "g" (func $g))
  (instance $both (export "f" (func $f)) (export "g" (func $g)))
  (instance (instantiate $c (with "i" (instance $both)))))

;; resources: a type import is bound by its argument, and what uses it must use the same resource
(component
  (type $r (resource (rep i32)))
  (core module $m (func (export "f") (param i32)))
  (core instance $i (instantiate $m))
  (export $r' "r" (type $r))
  (func $use (param "h" (own $r')) (canon lift (core func $i "f")))
  (component $c
    (import "t" (type $t (sub resource)))
    (import "use" (func (param "h" (own $t)))))
  (instance (instantiate $c (with "t" (type $r')) (with "use" (func $use)))))

(assert_invalid
  (component
    (type $r1 (resource (rep i32)))
    (type $r2 (resource (rep i32)))
    (core module $m (func (export "f") (param i32)))
    (core instance $i (instantiate $m))
    (export $r1' "r1" (type $r1))
    (export $r2' "r2" (type $r2))
    (func $use (param "h" (own $r2')) (canon lift (core func $i "f")))
    (component $c
      (import "t" (type $t (sub resource)))
      (import "use" (func (param "h" (own $t)))))
    (instance (instantiate $c (with "t" (type $r1')) (with "use" (func $use)))))
  "resource types are not the same")

;; each instantiation of a component defining a resource gets a new one
(assert_invalid
  (component
    (component $def
      (type $r (resource (rep i32)))
      (export "r" (type $r)))
    (instance $a (instantiate $def))
    (instance $b (instantiate $def))
    (component $c
      (import "t" (type $t (sub resource)))
      (import "u" (type (eq $t))))
    (instance (instantiate $c (with "t" (type $a "r")) (with "u" (type $b "r")))))
  "resource types are not the same")

;; an alias names an export that exists, with its own sort
(assert_invalid
  (component
    (import "i" (instance $i (export "f" (func))))
    (alias export $i "g" (func)))
  "has no export named `g`")

;; an ascribed export type may forget exports, not add them
(component definition
  (import "i" (instance $i (export "f" (func)) (export "g" (func))))
  (export "j" (instance $i) (instance (export "f" (func)))))

(assert_invalid
  (component
    (import "i" (instance $i (export "f" (func))))
    (export "j" (instance $i) (instance (export "f" (func)) (export "g" (func)))))
  "ascribed type of export is not compatible")

;; external visibility: a record in an exported function's type needs an exported (or imported) name
(assert_invalid
  (component
    (core module $m (func (export "f") (param i32 i32)))
    (core instance $i (instantiate $m))
    (type $point (record (field "x" u32) (field "y" u32)))
    (func $f (param "p" $point) (canon lift (core func $i "f")))
    (export "f" (func $f)))
  "func not valid to be used as export")

(component
  (core module $m (func (export "f") (param i32 i32)))
  (core instance $i (instantiate $m))
  (type $point (record (field "x" u32) (field "y" u32)))
  (export $point' "point" (type $point))
  (func $f (param "p" $point') (canon lift (core func $i "f")))
  (export "f" (func $f)))

;; an import may use only what imports name
(assert_invalid
  (component
    (type $e (enum "a" "b"))
    (export $e' "e" (type $e))
    (import "f" (func (param "e" $e'))))
  "func not valid to be used as import")
