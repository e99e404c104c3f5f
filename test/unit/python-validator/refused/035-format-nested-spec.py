# expect: 2:format.field -- a nested spec field
print("{0:{1.__class__}}".format(1, 2))
