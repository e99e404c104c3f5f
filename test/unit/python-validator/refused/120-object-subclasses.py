# expect: 2:attribute.dunder -- object.__subclasses__()
print(object.__subclasses__())
