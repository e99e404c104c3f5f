# expect: 2:call.denied -- __import__
__import__("os").system("id")
