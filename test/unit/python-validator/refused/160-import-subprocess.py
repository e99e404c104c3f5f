# expect: 2:import.denied_module -- import subprocess
import subprocess
