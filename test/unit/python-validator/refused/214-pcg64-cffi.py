# expect: 3:attribute.not_allowed -- the bit generator's cffi interface
import numpy as np
print(np.random.PCG64(1).cffi)
