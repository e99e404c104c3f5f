# expect: 4:call.denied -- vars()
class A:
    pass
print(vars(A()))
