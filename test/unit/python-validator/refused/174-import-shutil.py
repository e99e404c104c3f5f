# expect: 2:import.denied_module -- import shutil
import shutil
