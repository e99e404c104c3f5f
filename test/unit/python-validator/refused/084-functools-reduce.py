# expect: 2:import.denied_module -- functools allows partial only
from functools import reduce
