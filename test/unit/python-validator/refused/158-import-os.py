# expect: 2:import.denied_module -- import os
import os
