# expect: 2:import.denied_module -- import ast
import ast
