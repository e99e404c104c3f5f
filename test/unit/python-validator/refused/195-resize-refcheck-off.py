# expect: 5:call.denied -- ndarray.resize(refcheck=False) frees memory that views still read
import numpy as np
a = np.zeros(10)
v = a[:]
a.resize(5, refcheck=False)
