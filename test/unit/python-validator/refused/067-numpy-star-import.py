# expect: 2:import.not_allowed -- from numpy import *
from numpy import *
