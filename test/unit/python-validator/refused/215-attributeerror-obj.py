# expect: 5:attribute.not_allowed -- AttributeError.obj is the object a failed lookup was made on, inside library code too
try:
    (1).foo
except AttributeError as e:
    print(e.obj)
