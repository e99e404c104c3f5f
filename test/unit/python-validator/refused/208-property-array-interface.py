# expect: 4:attribute.dunder -- __array_interface__ makes numpy read any address
class A:
    @property
    def __array_interface__(self):
        return {}
