# expect: 3:call.denied -- np.vectorize(getattr) calls getattr for you
import numpy as np
f = np.vectorize(getattr)
f([1], ["real"])
