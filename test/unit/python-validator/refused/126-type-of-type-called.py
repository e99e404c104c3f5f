# expect: 2:call.denied -- type(type)(...)
X = type(type)("X", (), {})
