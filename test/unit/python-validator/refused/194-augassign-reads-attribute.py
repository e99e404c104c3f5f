# expect: 7:attribute.not_allowed -- x.attr += y reads x.attr and hands it to y.__radd__
import pandas as pd
class Grab:
    def __radd__(self, other):
        return other
df = pd.DataFrame({"a": [1]})
df.style += Grab()
