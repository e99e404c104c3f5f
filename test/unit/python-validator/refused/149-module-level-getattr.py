# expect: 2:attribute.dunder -- a module-level __getattr__
def __getattr__(name):
    return name
