# expect: 2:call.denied -- memoryview
m = memoryview(b"x")
