# expect: 3:call.denied -- the same through from-import
from numpy import ndarray
a = ndarray((2,), object, bytearray(16))
