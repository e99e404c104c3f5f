# expect: 2:import.denied_module -- import string
import string
