# expect: 2:import.denied_module -- import inspect
import inspect
