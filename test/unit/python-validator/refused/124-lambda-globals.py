# expect: 2:attribute.dunder -- function globals
g = (lambda: 0).__globals__
