# expect: 2:import.denied_module -- import builtins
import builtins
