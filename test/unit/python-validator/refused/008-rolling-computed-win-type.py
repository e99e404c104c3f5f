# expect: 4:call.dispatch -- win_type is looked up on scipy.signal
import pandas as pd
s = pd.Series([1.0] * 5)
s.rolling(3, win_type="x" + "y").sum()
