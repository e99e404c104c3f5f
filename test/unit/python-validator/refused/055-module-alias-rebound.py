# expect: 3:module.value -- a module name rebound by a loop
import numpy as np
for np in [1]:
    pass
