# expect: 2:import.not_allowed -- relative import
from . import secrets
