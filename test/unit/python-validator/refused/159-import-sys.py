# expect: 2:import.denied_module -- import sys
import sys
