# expect: 3:call.denied -- np.frompyfunc(getattr, 2, 1)
import numpy as np
np.frompyfunc(getattr, 2, 1)(1, "real")
