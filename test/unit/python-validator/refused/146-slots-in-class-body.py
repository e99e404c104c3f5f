# expect: 3:attribute.dunder -- __slots__ is not a data-model method
class A:
    __slots__ = ("x",)
