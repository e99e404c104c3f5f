# expect: 3:module.value -- a parameter named like the module
import numpy as np
def f(np):
    return np.lib
