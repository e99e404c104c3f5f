# expect: 2:import.denied_module -- a refused submodule imported by name
from numpy import lib
