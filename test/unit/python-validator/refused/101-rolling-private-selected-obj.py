# expect: 4:attribute.not_allowed -- a private attribute on a returned object
import pandas as pd
r = pd.Series([1.0]).rolling(2)
r._selected_obj
