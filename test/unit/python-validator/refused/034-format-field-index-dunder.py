# expect: 2:format.field -- an index field with a dunder key
print("{0[__builtins__]}".format({}))
