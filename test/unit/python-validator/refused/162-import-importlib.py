# expect: 2:import.denied_module -- import importlib
import importlib
