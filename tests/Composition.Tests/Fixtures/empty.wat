;; test:empty: no imports, no exports.
(component)
