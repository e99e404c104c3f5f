# expect: 4:call.dispatch -- crosstab(index, columns, values, rownames, colnames, aggfunc)
import pandas as pd
n = "e" + "val"
pd.crosstab([1], [2], [3], None, None, n)
