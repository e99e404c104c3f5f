# expect: 2:import.denied_module -- import marshal
import marshal
