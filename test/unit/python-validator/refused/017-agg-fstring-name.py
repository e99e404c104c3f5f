# expect: 5:call.dispatch -- an f-string is a computed name
import pandas as pd
s = pd.Series([1])
x = "class"
s.agg(f"__{x}__")
