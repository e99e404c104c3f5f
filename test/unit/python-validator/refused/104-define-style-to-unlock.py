# expect: 8:attribute.not_allowed -- defining a library name on your own class does not unlock it
import pandas as pd
class Dummy:
    style = None
    def env(self):
        pass
df = pd.DataFrame({"a": [1]})
df.style.env
