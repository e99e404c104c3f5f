# expect: 2:import.denied_module -- import pickle
import pickle
