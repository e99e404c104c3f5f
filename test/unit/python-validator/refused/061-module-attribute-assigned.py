# expect: 3:module.value -- patching a module
import numpy as np
np.mean = print
