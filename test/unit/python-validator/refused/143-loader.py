# expect: 2:attribute.dunder -- __loader__
print(__loader__)
