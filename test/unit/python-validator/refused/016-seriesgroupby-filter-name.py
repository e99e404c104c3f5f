# expect: 5:call.dispatch -- SeriesGroupBy.filter(name) calls getattr(x, name)
import pandas as pd
df = pd.DataFrame({"k": [1, 1], "v": [1.0, 2.0]})
m = "_" * 2 + "class" + "_" * 2
df.groupby("k")["v"].filter(m)
