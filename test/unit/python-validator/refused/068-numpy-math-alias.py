# expect: 3:attribute.not_allowed -- np.math is the math module again: no second name for a module
import numpy as np
np.math.sqrt(2)
