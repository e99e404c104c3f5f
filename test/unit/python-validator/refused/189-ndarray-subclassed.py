# expect: 3:call.denied -- a subclass inherits the constructor
import numpy as np
class Raw(np.ndarray):
    pass
