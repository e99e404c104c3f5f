# expect: 2:attribute.dunder -- builtins through __builtins__
__builtins__.__dict__["ev" + "al"]("1")
