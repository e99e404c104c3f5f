# expect: 3:attribute.not_allowed -- raw memory
import numpy as np
p = np.zeros(1).ctypes.data
