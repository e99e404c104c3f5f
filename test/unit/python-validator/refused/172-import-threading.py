# expect: 2:import.denied_module -- import threading
import threading
