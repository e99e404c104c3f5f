# expect: 5:call.dispatch -- Series.agg(name) is getattr(series, name)
import pandas as pd
u = "_" * 2
s = pd.Series([1])
c = s.agg(u + "class" + u)
