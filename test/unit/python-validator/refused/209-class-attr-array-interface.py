# expect: 3:attribute.dunder -- the same as a class attribute
class A:
    __array_interface__ = {}
