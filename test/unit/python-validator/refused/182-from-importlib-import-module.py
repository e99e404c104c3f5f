# expect: 2:import.denied_module -- from importlib import import_module
from importlib import import_module
