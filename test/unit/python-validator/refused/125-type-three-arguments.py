# expect: 2:call.denied -- type(name, bases, dict)
X = type("X", (), {"y": 1})
