# expect: 2:import.denied_module -- operator.attrgetter reads attributes by name
import operator
get = operator.attrgetter("_" * 2 + "class" + "_" * 2)
