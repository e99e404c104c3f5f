# expect: 5:attribute.not_allowed -- frames through coroutines
async def f():
    pass
c = f()
c.cr_frame.f_builtins
