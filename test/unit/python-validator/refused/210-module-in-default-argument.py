# expect: 3:module.value -- a module as a default value
import numpy as np
f = lambda m=np: m
