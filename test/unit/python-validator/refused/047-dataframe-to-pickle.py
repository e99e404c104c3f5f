# expect: 3:attribute.not_allowed -- to_pickle
import pandas as pd
pd.DataFrame({"a": [1]}).to_pickle("/tmp/x.pkl")
