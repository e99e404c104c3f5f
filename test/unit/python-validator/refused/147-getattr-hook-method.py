# expect: 3:attribute.dunder -- defining __getattr__
class A:
    def __getattr__(self, name):
        return name
