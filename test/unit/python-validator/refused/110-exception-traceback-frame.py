# expect: 5:attribute.dunder -- frames through tracebacks
try:
    1 / 0
except Exception as e:
    t = e.__traceback__.tb_frame
