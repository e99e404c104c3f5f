# expect: 5:module.value -- a module passed to a function
import numpy as np
def reach(m):
    return m.lib
reach(np)
