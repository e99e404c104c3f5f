# expect: 2:import.denied_module -- the same by import
from random import _os
