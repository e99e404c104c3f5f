# expect: 2:import.denied_module -- import codecs
import codecs
