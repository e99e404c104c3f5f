# expect: 3:module.value -- del of a module name
import numpy as np
del np
