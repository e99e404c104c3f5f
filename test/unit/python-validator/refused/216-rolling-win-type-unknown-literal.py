# expect: 3:call.dispatch -- a literal win_type that is not a scipy window
import pandas as pd
pd.Series([1.0] * 5).rolling(3, win_type="get_window").sum()
