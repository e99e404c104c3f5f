# expect: 2:attribute.dunder -- __spec__
print(__spec__)
