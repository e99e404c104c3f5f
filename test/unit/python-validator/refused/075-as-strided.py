# expect: 3:attribute.not_allowed -- arbitrary memory through stride tricks
import numpy as np
np.lib.stride_tricks.as_strided(np.zeros(1), (10 ** 9,))
