;; The rules on names: the externname grammar, strong uniqueness, attributes, the typing of annotated names and
;; the labels inside types (Explainer.md "Import and Export Definitions", Binary.md).

;; Labels: words of one case, joined by single hyphens, the first starting with a letter.
(component definition
  (import "x" (func))
  (import "x2-y3" (func))
  (import "HTTP-client" (func))
  (import "get-JSON-v2" (func))
  (import "Q9-9-q" (func)))
(assert_invalid (component (import "camelCase" (func))) "`camelCase` is not in kebab case")
(assert_invalid (component (import "snake_case" (func))) "`snake_case` is not in kebab case")
(assert_invalid (component (import "-lead" (func))) "`-lead` is not in kebab case")
(assert_invalid (component (import "two--hyphens" (func))) "`two--hyphens` is not in kebab case")
(assert_invalid (component (import "9lives" (func))) "`9lives` is not in kebab case")
(assert_invalid (component (import "caf\u{e9}" (func))) "is not in kebab case")
(assert_invalid (component (import "with space" (func))) "is not a valid extern name")

;; Interface names: lowercase words for namespace and package, a label for the interface.
(component definition
  (import "my-ns:my-pkg/IFACE-x" (instance))
  (import "n2:p2/i" (instance))
  (import "a:b/c@1.2.3" (instance))
  (import "a:b/d@10.20.30-alpha.1+build.007" (instance))
  (import "a:b/e@1" (instance))
  (import "a:b/f@0.3" (instance))
  (import "a:b/g@0.0.4" (instance)))
(assert_invalid (component (import "MY:pkg/i" (instance))) "namespace `MY` is not lowercase words")
(assert_invalid (component (import "ns:PKG/i" (instance))) "package `PKG` is not lowercase words")
(assert_invalid (component (import "ns:pkg/" (instance))) "`` is not in kebab case")
(assert_invalid (component (import "ns:pkg" (instance))) "expected `/` after package name")
(assert_invalid (component (import "ns:pkg@1.0.0" (instance))) "expected `/` after package name")
(assert_invalid (component (import "ns:sub:pkg/i" (instance))) "nested namespaces are not enabled")
(assert_invalid (component (import "ns:pkg/i/j" (instance))) "nested projections are not enabled")
(assert_invalid (component (import "ns:pkg/i@01.0.0" (instance))) "invalid leading zero in major version number")
(assert_invalid (component (import "ns:pkg/i@1.0" (instance))) "unexpected end of input while parsing patch version number")
(assert_invalid (component (import "ns:pkg/i@1.0.0-beta.01" (instance))) "invalid leading zero in pre-release identifier")
(assert_invalid (component (import "ns:pkg/i@1.0.0-be_ta" (instance))) "unexpected character '_' in pre-release identifier")
(assert_invalid (component (import "ns:pkg/i@1.0.0+a..b" (instance))) "empty identifier segment in build metadata")
(assert_invalid (component (import "ns:pkg/i@0" (instance))) "unexpected end of input")
(assert_invalid (component (import "ns:pkg/i@0.0" (instance))) "unexpected end of input")

;; Annotations outside [constructor], [method] and [static] are not names.
(assert_invalid (component (import "[destructor]r" (func))) "is not in kebab case")
(assert_invalid (component (import "[method]r-f" (func))) "failed to find `.` character")

;; Strong uniqueness: per namespace (imports, exports) of each scope, acronyms lowercased, [method]/[static]
;; reduced to their function label when it equals the resource label, other annotations but [constructor]
;; stripped.
(component definition
  (import "r" (type $r (sub resource)))
  (import "[constructor]r" (func (result (own $r))))
  (import "[method]r.r-size" (func (param "self" (borrow $r)) (result u32)))
  (import "[static]r.make" (func (result (own $r))))
  (import "r-size" (func))
  (import "make" (func))
  (import "ns:r/r" (instance))
  (import "ns:r/r@1.0.0" (instance))
  (import "ns:r/r@1.0.0-RC" (instance))
  (import "ns:r/r@1.0.0-rc" (instance))
  (import "f" (func $f))
  (export "r-size" (func $f))
  (export "F" (func $f)))
(assert_invalid
  (component
    (import "ab-CD" (func))
    (import "AB-cd" (func)))
  "import name `AB-cd` conflicts with previous name `ab-CD`")
(assert_invalid
  (component
    (import "ns:pkg/iface" (instance))
    (import "ns:pkg/IFACE" (instance)))
  "import name `ns:pkg/IFACE` conflicts with previous name `ns:pkg/iface`")
(assert_invalid
  (component
    (import "r" (type $r (sub resource)))
    (import "[method]r.go" (func (param "self" (borrow $r))))
    (import "[static]r.go" (func)))
  "import name `[static]r.go` conflicts with previous name `[method]r.go`")
(assert_invalid
  (component
    (import "r" (type $r (sub resource)))
    (import "[static]R.R" (func))
    (import "R" (func)))
  "conflicts with previous name `r`")
(assert_invalid
  (component
    (import "r" (type $r (sub resource)))
    (import "[constructor]r" (func (result (own $r))))
    (import "[constructor]R" (func (result (own $r)))))
  "import name `[constructor]R` conflicts with previous name `[constructor]r`")
(assert_invalid
  (component
    (import "f" (func $f))
    (instance
      (export "g" (func $f))
      (export "G" (func $f))))
  "export name `G` conflicts with previous name `g`")
(assert_invalid
  (component
    (type (instance
      (export "v" (func))
      (export "[static]x.v" (func))
      (export "x" (type (sub resource)))
      (export "V" (func)))))
  "static resource name is not known in this context")
(assert_invalid
  (component
    (type (component
      (import "x" (instance))
      (export "x" (instance))
      (export "X" (instance)))))
  "export name `X` conflicts with previous name `x`")

;; Annotated names are functions, typed after the resource type their first label names, imported (or
;; exported) before in the same scope and namespace.
(component definition
  (import "file" (type $file (sub resource)))
  (import "[constructor]file" (func (param "path" string) (result (result (own $file) (error string)))))
  (import "[method]file.read" (func (param "self" (borrow $file)) (param "n" u32) (result (list u8))))
  (import "[static]file.open-count" (func (result u32))))
(component definition
  (type (component
    (import "h" (type $h (sub resource)))
    (import "[method]h.get" (func (param "self" (borrow $h))))
    (export "h" (type $h2 (sub resource)))
    (export "[constructor]h" (func (result (own $h2))))
    (export "[method]h.get" (func (param "self" (borrow $h2))))))
  (type (instance
    (export "k" (type $k (sub resource)))
    (alias outer 0 $k (type $k2))
    (export "[method]k.m" (func (param "self" (borrow $k2)))))))
(assert_invalid
  (component
    (import "r" (type $r (sub resource)))
    (import "[constructor]r" (type (eq $r))))
  "import name `[constructor]r` is not valid: it is not a func")
(assert_invalid
  (component
    (import "r" (type $r (sub resource)))
    (import "[constructor]r" (func (result (borrow $r)))))
  "function should return `(own $T)` or `(result (own $T))`")
(assert_invalid
  (component
    (import "r" (type $r (sub resource)))
    (import "[constructor]r" (func (result (result (error (own $r)))))))
  "function should return `(own $T)` or `(result (own $T))`")
(assert_invalid
  (component
    (import "r" (type $r (sub resource)))
    (import "[method]r.m" (func (param "this" (borrow $r)))))
  "function should have a first argument called `self`")
(assert_invalid
  (component
    (import "r" (type $r (sub resource)))
    (import "[method]r.m" (func (param "self" (own $r)))))
  "function should take a first argument of `(borrow $T)`")
(assert_invalid
  (component
    (import "[constructor]r" (func (result (own 0))))
    (import "r" (type (sub resource))))
  "does not have a name in this context")
(assert_invalid
  (component
    (import "p" (type $p (sub resource)))
    (import "q" (type $q (sub resource)))
    (import "[method]q.m" (func (param "self" (borrow $p)))))
  "function does not match expected resource name `p`")
(assert_invalid
  (component
    (type (instance
      (export "p" (type $p (sub resource)))
      (export "[static]q.make" (func (result (own $p)))))))
  "static resource name is not known in this context")
(assert_invalid
  (component
    (type (component
      (export "p" (type (sub resource)))
      (import "[static]p.make" (func)))))
  "static resource name is not known in this context")
(assert_invalid
  (component
    (type (component
      (import "p" (type $p (sub resource)))
      (type (instance
        (alias outer 1 $p (type $p2))
        (export "[method]p.m" (func (param "self" (borrow $p2)))))))))
  "does not have a name in this context")
(assert_invalid
  (component
    (type (instance
      (export "p" (type $p (sub resource)))
      (export "p2" (type $p2 (eq $p)))
      (export "[method]p2.m" (func (param "self" (borrow $p)))))))
  "function does not match expected resource name `p`")

;; A resource named by an export (the new type index it introduces) types exported annotated functions.
(component definition
  (type $r (resource (rep i32)))
  (core module $m (func (export "new") (param i32) (result i32) unreachable))
  (core instance $i (instantiate $m))
  (export $r2 "r" (type $r))
  (func $new (param "v" u32) (result (own $r2)) (canon lift (core func $i "new")))
  (export "[constructor]r" (func $new)))
(assert_invalid
  (component
    (type $r (resource (rep i32)))
    (core module $m (func (export "new") (param i32) (result i32) unreachable))
    (core instance $i (instantiate $m))
    (export "r" (type $r))
    (func $new (param "v" u32) (result (own $r)) (canon lift (core func $i "new")))
    (export "[constructor]r" (func $new)))
  "does not have a name in this context")

;; Attributes: `implements` on plain-named instances, `versionsuffix` after a canonical version.
(component definition
  (import "primary" (implements "wasi:keyvalue/store") (instance))
  (import "secondary" (implements "wasi:keyvalue/store@0.2.0") (external-id "any string: at all") (instance))
  (import "wasi:http/types@0.2" (versionsuffix ".6") (instance))
  (import "wasi:io/poll@1" (versionsuffix ".0.0-rc.1+b") (instance))
  (import "wasi:io/streams@0.0.3" (versionsuffix "-pre") (instance)))
(assert_invalid
  (component (import "kv" (implements "wasi:keyvalue") (instance)))
  "is not a valid interface name")
(assert_invalid
  (component (import "kv" (implements "wasi:keyvalue/store") (func)))
  "has an `implements` attribute but is not an instance")
(assert_invalid
  (component (import "wasi:keyvalue/store" (implements "wasi:keyvalue/store") (instance)))
  "has an `implements` attribute but is not a plain name")
(assert_invalid
  (component (import "wasi:http/types@0.2.6" (versionsuffix ".1") (instance)))
  "has a `versionsuffix` attribute but is not an interface name with a canonical version")
(assert_invalid
  (component (import "plain" (versionsuffix ".1") (instance)))
  "has a `versionsuffix` attribute")
(assert_invalid
  (component (import "wasi:http/types@0.2" (versionsuffix "") (instance)))
  "is not a valid semver")
(assert_invalid
  (component (import "wasi:http/types@0.2" (versionsuffix ".6.1") (instance)))
  "is not a valid semver")

;; Labels inside types: kebab case and unique, compared with acronyms lowercased.
(component definition
  (type (record (field "x-URL" u8) (field "y" u8)))
  (type (variant (case "none") (case "SOME-v" u8)))
  (type (enum "a" "B" "c-D"))
  (type (flags "read" "WRITE"))
  (type (func (param "self" u32) (param "n-2" u32))))
(assert_invalid (component (type (record (field "Ab" u8)))) "record field name `Ab` is not in kebab case")
(assert_invalid (component (type (record (field "a" u8) (field "A" u8)))) "record field name `A` conflicts with previous field name `a`")
(assert_invalid (component (type (variant (case "x_y")))) "variant case name `x_y` is not in kebab case")
(assert_invalid (component (type (variant (case "ok") (case "OK" u8)))) "variant case name `OK` conflicts")
(assert_invalid (component (type (enum "e-1" "E-1"))) "enum case name `E-1` conflicts")
(assert_invalid (component (type (enum ""))) "enum case name `` is not in kebab case (a name cannot be empty)")
(assert_invalid (component (type (flags "1st"))) "flag name `1st` is not in kebab case")
(assert_invalid (component (type (flags "go" "GO"))) "flag name `GO` conflicts")
(assert_invalid (component (type (func (param "p" u8) (param "P" u8)))) "function parameter name `P` conflicts")
(assert_invalid (component (type (func (param "pQ" u8)))) "function parameter name `pQ` is not in kebab case")
(assert_invalid
  (component (type (component (type (instance (type (record (field "bad name" u8))))))))
  "record field name `bad name` is not in kebab case")

;; Names are checked in nested components too.
(assert_invalid
  (component (component (component (import "Nope" (func)))))
  "`Nope` is not in kebab case")

;; An annotated function whose declared type is not a function type is refused, not a crash.
(assert_invalid
  (component
    (import "r" (type $r (sub resource)))
    (type $s string)
    (import "[method]r.m" (func (type $s))))
  "its type is not a function type")
