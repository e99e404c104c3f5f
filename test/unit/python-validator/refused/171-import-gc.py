# expect: 2:import.denied_module -- import gc
import gc
