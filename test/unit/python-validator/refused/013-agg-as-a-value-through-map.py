# expect: 5:call.dispatch -- a dispatcher used as a value escapes the call check
import pandas as pd
s = pd.Series([1])
name = "_" * 2 + "class" + "_" * 2
print(list(map(pd.Series.agg, [s], [name])))
