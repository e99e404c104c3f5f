# expect: 3:call.denied -- a module-level annotation is evaluated
import numpy as np
x: np.ndarray((2,), object, bytearray(16)) = 1
