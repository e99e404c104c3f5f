# expect: 2:attribute.dunder -- the classic escape
x = ().__class__.__base__.__subclasses__()
