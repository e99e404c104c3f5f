# expect: 2:import.denied_module -- numpy.ctypeslib
import numpy.ctypeslib
