# expect: 2:import.denied_module -- an unlisted submodule
from collections import abc
