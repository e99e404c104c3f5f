# expect: 3:attribute.not_allowed -- imports a module named by a string
import numpy as np
np.lib.utils._makenamedict("os")
