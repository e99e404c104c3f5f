# expect: 7:attribute.not_allowed -- a private library name defined by the program
import pandas as pd
class Dummy:
    def __init__(self):
        self._mgr = None
d = Dummy()
print(pd.DataFrame({"a": [1]})._mgr, d._mgr)
