# expect: 3:module.value -- m = np hides the module from the checks
import numpy as np
m = np
m.lib.npyio.pickle.loads(b"")
