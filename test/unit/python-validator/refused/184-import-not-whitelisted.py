# expect: 2:import.not_allowed -- a module not on the whitelist
import scipy
