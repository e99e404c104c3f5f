# expect: 5:module.value -- except ... as <module name>
import numpy as np
try:
    pass
except Exception as np:
    pass
