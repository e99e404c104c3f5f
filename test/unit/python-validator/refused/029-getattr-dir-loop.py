# expect: 3:call.denied -- every name dir() returns
for n in dir(1):
    print(getattr(1, n))
