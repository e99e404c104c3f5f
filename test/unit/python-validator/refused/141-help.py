# expect: 2:call.denied -- help (pydoc)
help(print)
