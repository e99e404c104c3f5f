# expect: 3:format.field -- the format string kept in a variable
s = "{0.__init__.__globals__}"
print(s.format(object()))
