# expect: 3:call.denied -- locals()
def f():
    return locals()
