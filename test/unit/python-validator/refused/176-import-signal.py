# expect: 2:import.denied_module -- import signal
import signal
