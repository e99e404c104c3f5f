# expect: 5:call.dispatch -- named aggregation with a computed function name
import pandas as pd
df = pd.DataFrame({"k": [1], "v": [2]})
fn = "_" * 2 + "class" + "_" * 2
df.groupby("k").agg(total=("v", fn))
