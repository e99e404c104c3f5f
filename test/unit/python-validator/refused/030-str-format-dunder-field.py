# expect: 4:format.field -- str.format field access
def f():
    pass
print("{0.__globals__}".format(f))
