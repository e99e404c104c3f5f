# expect: 4:module.value -- a module kept on a class
import numpy as np
class A:
    m = np
