# expect: 2:call.denied -- globals()
g = globals()["__builtins__"]
