# expect: 3:call.dispatch -- a literal dunder name
import pandas as pd
pd.Series([1]).agg("__class__")
