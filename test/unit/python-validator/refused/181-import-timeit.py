# expect: 2:import.denied_module -- import timeit
import timeit
