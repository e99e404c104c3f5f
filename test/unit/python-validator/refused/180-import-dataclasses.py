# expect: 2:import.denied_module -- import dataclasses
import dataclasses
