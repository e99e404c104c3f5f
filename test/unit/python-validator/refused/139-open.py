# expect: 2:call.denied -- open
print(open("/etc/passwd").read())
