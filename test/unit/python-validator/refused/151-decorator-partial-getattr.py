# expect: 3:call.denied -- a decorator built from getattr
from functools import partial
@partial(getattr, 1)
def f():
    pass
