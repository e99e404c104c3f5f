# expect: 5:call.dispatch -- aggfunc passed positionally
import pandas as pd
df = pd.DataFrame({"a": [1], "b": [2], "c": [3]})
n = "qu" + "ery"
pd.pivot_table(df, "c", "a", "b", n)
