# expect: 4:call.denied -- setattr with a dunder name
class A:
    pass
setattr(A, "__getattr__", print)
