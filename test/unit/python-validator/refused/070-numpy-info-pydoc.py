# expect: 3:attribute.not_allowed -- np.info/np.source go through pydoc and inspect
import numpy as np
np.source(np.mean)
