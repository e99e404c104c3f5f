# expect: 2:import.denied_module -- import pathlib
import pathlib
