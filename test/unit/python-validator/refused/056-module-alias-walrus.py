# expect: 3:module.value -- a walrus into the module name
import numpy as np
if (np := 1):
    pass
