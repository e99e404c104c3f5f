# expect: 5:call.dispatch -- win_type passed positionally
import pandas as pd
s = pd.Series([1.0] * 5)
w = "".join(["ham", "ming"])
s.rolling(3, None, False, w).sum()
