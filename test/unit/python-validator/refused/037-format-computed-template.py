# expect: 3:format.field -- a computed template cannot be checked
x = 1
print(("{0._" + "_class__}").format(x))
