# expect: 3:call.denied -- getattr with a computed name
name = "_" * 2 + "class" + "_" * 2
getattr(1, name)
