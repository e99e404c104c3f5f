# expect: 3:attribute.not_allowed -- ndarray.dumps pickles
import numpy as np
b = np.zeros(1).dumps()
