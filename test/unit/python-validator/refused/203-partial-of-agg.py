# expect: 4:call.dispatch -- a dispatcher wrapped in partial
from functools import partial
import pandas as pd
p = partial(pd.Series([1]).agg, "x")
