# expect: 3:attribute.not_allowed -- pd.eval evaluates a string
import pandas as pd
pd.eval("1 + 1")
