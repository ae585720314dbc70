;; Outer aliases, type definitions and type limits.

;; Valid: outer aliases of every aliasable sort, from the enclosing component and through type scopes;
;; resource types only within the component (or a type) that sees them; self-contained component types
;; may cross a component boundary even when they declare resources of their own.
(component definition $outer
  (core module $m)
  (core type $ct (func))
  (component $c)
  (type $plain (tuple u8 string))
  (type $res (resource (rep i32)))
  (type $handle (own $res))
  (type $self-contained (component
    (import "r" (type $r (sub resource)))
    (export "make" (func (result (own $r))))))
  (component
    (alias outer $outer $m (core module))
    (alias outer $outer $ct (core type))
    (alias outer $outer $c (component))
    (alias outer $outer $plain (type))
    (alias outer $outer $self-contained (type)))
  (type (instance
    (alias outer $outer $res (type $r))
    (alias outer $outer $handle (type $h))
    (export "take" (func (param "h" $h)))))
)

;; A type that refers to a resource cannot be aliased into a nested component (resources are generative).
(assert_invalid
  (component $outer
    (type $res (resource (rep i32)))
    (type $wrapped (option (own $res)))
    (component (alias outer $outer $wrapped (type))))
  "transitively refers to resources")

(assert_invalid
  (component $outer
    (type $res (resource (rep i32)))
    (type $api (instance (export "get" (func (result (own $res))))))
    (component (alias outer $outer $api (type))))
  "transitively refers to resources")

;; Outer alias counts and indices.
(assert_invalid
  (component (component (alias outer 2 0 (type))))
  "invalid outer alias count of 2")

(assert_invalid
  (component $outer
    (component (alias outer $outer 0 (component)))
    (component))
  "component index out of bounds")

;; Declarators alias only types and instances.
(assert_invalid
  (component $outer
    (core module $m)
    (type (instance (alias outer $outer $m (core module)))))
  "may only refer to types or instances")

;; Resource type definitions: only in concrete components, represented by i32, destructor (func (param i32)).
(assert_invalid
  (component (type (instance (type (resource (rep i32))))))
  "resources can only be defined within a concrete component")

(assert_invalid
  (component
    (core module $m (func (export "dtor") (param i32) (result i32) (local.get 0)))
    (core instance $i (instantiate $m))
    (type (resource (rep i32) (dtor (core func $i "dtor")))))
  "wrong signature for a destructor")

;; borrow never appears in results, stream elements or future payloads; (stream char) waits for encodings.
(assert_invalid
  (component
    (type $r (resource (rep i32)))
    (type $pair (tuple u32 (borrow $r)))
    (type (func (result (list $pair)))))
  "function result cannot contain a `borrow` type")

(assert_invalid
  (component
    (type $r (resource (rep i32)))
    (type (future (borrow $r))))
  "cannot contain a `borrow` type")

(assert_invalid
  (component (type $c char) (type (stream $c)))
  "`stream<char>` is not valid")

;; Limits: a value type's size in memory is below 2^28 bytes.
(component definition (type (list u8 1000)))

(assert_invalid
  (component (type (list u64 40000000)))
  "must be less than 2^28 bytes")

(assert_invalid
  (component
    (type $kib (list u8 1024))
    (type $mib (list $kib 1024))
    (type (tuple $mib (list $mib 255) u8)))
  "must be less than 2^28 bytes")
