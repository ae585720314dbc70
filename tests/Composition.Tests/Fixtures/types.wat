;; test:types: exports a resource type (not something a composition may export).
(component
  (type $r (resource (rep i32)))
  (export "r" (type $r))
)
