# expect: 5:call.dispatch -- pd.NamedAgg with a computed aggfunc
import pandas as pd
df = pd.DataFrame({"k": [1], "v": [2]})
fn = str(0) + "x"
df.groupby("k").agg(total=pd.NamedAgg("v", fn))
