# expect: 3:attribute.dunder -- defining __init_subclass__
class A:
    def __init_subclass__(cls):
        pass
