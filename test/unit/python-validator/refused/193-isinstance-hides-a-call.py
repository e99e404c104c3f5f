# expect: 3:call.denied -- only the class itself counts as a reference
import numpy as np
isinstance(1, (np.ndarray((1,), object, bytearray(8)),))
