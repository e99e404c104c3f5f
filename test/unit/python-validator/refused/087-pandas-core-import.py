# expect: 2:import.denied_module -- pandas.core is not listed
from pandas.core import apply
