# expect: 3:call.dispatch -- a dispatcher used as a decorator
import pandas as pd
@pd.Series.agg
def f():
    pass
