# expect: 3:import.denied_module -- import os.path as p
import math
import os.path as p
