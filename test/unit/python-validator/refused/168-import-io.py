# expect: 2:import.denied_module -- import io
import io
