# expect: 2:import.denied_module -- import multiprocessing
import multiprocessing
