# expect: 3:attribute.not_allowed -- imports a module named by a string
import numpy as np
np.core._ufunc_reconstruct("os", "system")("id")
