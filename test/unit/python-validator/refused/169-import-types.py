# expect: 2:import.denied_module -- import types
import types
