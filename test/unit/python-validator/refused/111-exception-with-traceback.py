# expect: 5:attribute.not_allowed -- with_traceback is not listed
try:
    1 / 0
except Exception as e:
    e.with_traceback(None)
