# expect: 6:call.dispatch -- a def rebound to a string
import pandas as pd
def how():
    pass
how = "qu" + "ery"
pd.Series([1]).agg(how)
