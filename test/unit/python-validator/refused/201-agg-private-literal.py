# expect: 3:call.dispatch -- a literal private name
import pandas as pd
pd.Series([1]).agg("_mgr")
