# expect: 3:attribute.not_allowed -- memmap
import numpy as np
np.memmap("/tmp/x", mode="w+", shape=(4,))
