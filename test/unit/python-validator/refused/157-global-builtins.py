# expect: 3:attribute.dunder -- global __builtins__
def f():
    global __builtins__
