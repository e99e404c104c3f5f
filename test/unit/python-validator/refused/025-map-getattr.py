# expect: 2:call.denied -- map(getattr, objects, names)
print(list(map(getattr, [1], ["real"])))
