# expect: 2:call.denied -- eval
eval("1 + 1")
