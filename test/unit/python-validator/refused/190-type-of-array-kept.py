# expect: 3:call.denied -- type(arr) is np.ndarray again
import numpy as np
t = type(np.zeros(1))
t((2,), object, bytearray(16))
