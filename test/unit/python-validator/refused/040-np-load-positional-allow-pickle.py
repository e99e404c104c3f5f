# expect: 3:attribute.not_allowed -- np.load(path, mmap_mode, allow_pickle)
import numpy as np
np.load("/tmp/x.npy", None, True)
