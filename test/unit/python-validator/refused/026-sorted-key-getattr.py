# expect: 2:call.denied -- any builtin that calls what it is given
print(sorted([1], key=getattr))
