# expect: 4:attribute.dunder -- __dict__
class A:
    pass
A.__dict__
