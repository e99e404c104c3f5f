# expect: 2:import.denied_module -- operator.methodcaller
from operator import methodcaller
