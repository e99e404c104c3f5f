# expect: 3:call.denied -- getattr with starred arguments
args = (1, "real")
getattr(*args)
