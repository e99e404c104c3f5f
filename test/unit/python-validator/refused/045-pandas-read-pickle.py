# expect: 3:attribute.not_allowed -- pd.read_pickle unpickles
import pandas as pd
pd.read_pickle("/tmp/x.pkl")
