# expect: 5:call.dispatch -- pivot_table passes aggfunc to agg
import pandas as pd
df = pd.DataFrame({"a": [1], "b": [2]})
n = "qu" + "ery"
pd.pivot_table(df, index="a", aggfunc=n)
