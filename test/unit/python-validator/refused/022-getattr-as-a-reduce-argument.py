# expect: 3:call.denied -- getattr handed to a library that calls it
from functools import partial
g = partial(getattr, 1)
