# expect: 2:import.denied_module -- import ctypes
import ctypes
