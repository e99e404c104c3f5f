# expect: 2:format.field -- str.format called unbound
print(str.format("{0.real}", 1))
