# expect: 3:attribute.dunder -- __builtins__ in a class body
class A:
    b = __builtins__
