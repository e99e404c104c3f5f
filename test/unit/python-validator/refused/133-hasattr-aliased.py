# expect: 2:call.denied -- hasattr as a value
h = hasattr
