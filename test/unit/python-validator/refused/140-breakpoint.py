# expect: 2:call.denied -- breakpoint
breakpoint()
