# expect: 2:module.value -- one alias for two modules
import numpy as np
import math as np
