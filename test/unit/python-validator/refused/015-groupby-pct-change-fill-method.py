# expect: 5:call.dispatch -- GroupBy.pct_change calls getattr(self, fill_method)
import pandas as pd
df = pd.DataFrame({"k": [1, 1], "v": [1.0, 2.0]})
m = "app" + "ly"
df.groupby("k").pct_change(fill_method=m)
