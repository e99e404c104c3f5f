# expect: 2:call.denied -- compile
c = compile("1", "f", "eval")
