# expect: 2:import.denied_module -- a submodule alias
import numpy.lib.format as fmt
