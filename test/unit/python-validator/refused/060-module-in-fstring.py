# expect: 3:module.value -- a module formatted
import numpy as np
print(f"{np}")
