# expect: 4:call.denied -- refcheck hidden in **mapping
import numpy as np
kw = {"refcheck": False}
np.zeros(10).resize(5, **kw)
