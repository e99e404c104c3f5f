# expect: 2:call.denied -- exec
exec("print(1)")
