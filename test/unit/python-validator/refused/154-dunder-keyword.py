# expect: 2:attribute.dunder -- a dunder keyword
x = dict(__class__=1)
