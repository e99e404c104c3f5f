# expect: 2:attribute.dunder -- type(x).__dict__
d = type(1).__dict__
