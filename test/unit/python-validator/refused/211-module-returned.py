# expect: 4:module.value -- a module returned
import numpy as np
def f():
    return np
