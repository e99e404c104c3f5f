# expect: 4:attribute.not_allowed -- query evaluates a string with @name.attr lookups
import pandas as pd
df = pd.DataFrame({"a": [1]})
df.query("a > 0")
