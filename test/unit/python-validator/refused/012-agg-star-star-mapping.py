# expect: 5:call.dispatch -- **mapping hides the named aggregations
import pandas as pd
df = pd.DataFrame({"k": [1], "v": [2]})
spec = {"total": ("v", "s" + "um")}
df.groupby("k").agg(**spec)
