# expect: 3:module.value -- a module handed to format
import numpy as np
print("{0.lib}".format(np))
