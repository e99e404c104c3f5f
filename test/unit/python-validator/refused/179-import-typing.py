# expect: 2:import.denied_module -- import typing
import typing
