# expect: 2:import.denied_module -- import socket
import socket
