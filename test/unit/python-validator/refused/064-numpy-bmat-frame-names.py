# expect: 4:attribute.not_allowed -- np.bmat looks names up in the caller's frame
import numpy as np
name = "_" * 2 + "builtins" + "_" * 2
np.bmat(name)
