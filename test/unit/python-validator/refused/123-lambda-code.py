# expect: 2:attribute.dunder -- code objects
c = (lambda: 0).__code__
