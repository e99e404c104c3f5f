# expect: 3:attribute.not_allowed -- the bit generator exposes ctypes and cffi views
import numpy as np
p = np.random.default_rng().bit_generator.ctypes.state_address
