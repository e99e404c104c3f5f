# expect: 2:call.denied -- getattr wrapped in a lambda with a computed name
g = lambda o, n: getattr(o, n)
g(1, "real")
