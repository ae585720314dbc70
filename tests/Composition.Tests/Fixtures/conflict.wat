;; test:conflict: imports an instance named log (test:app imports a function of that name).
(component
  (import "log" (instance))
)
