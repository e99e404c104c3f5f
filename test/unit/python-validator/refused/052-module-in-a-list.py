# expect: 3:module.value -- a module inside a container
import numpy as np
mods = [np]
mods[0].lib
