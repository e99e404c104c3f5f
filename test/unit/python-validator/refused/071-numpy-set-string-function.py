# expect: 3:attribute.not_allowed -- installs a callback used for every repr
import numpy as np
np.set_string_function(print)
