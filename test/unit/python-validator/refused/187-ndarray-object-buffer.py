# expect: 3:call.denied -- np.ndarray(shape, object, buffer) reads object pointers from bytes the program wrote
import numpy as np
a = np.ndarray((2,), object, bytearray(16))
