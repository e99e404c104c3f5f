# expect: 2:import.denied_module -- the submodule imported directly
from numpy.lib.npyio import NpzFile
