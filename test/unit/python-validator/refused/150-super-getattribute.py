# expect: 4:attribute.dunder -- super().__getattribute__
class A:
    def f(self):
        return super().__getattribute__("x")
