# expect: 2:format.field -- format_map field access
print("{a.__globals__}".format_map({"a": print}))
