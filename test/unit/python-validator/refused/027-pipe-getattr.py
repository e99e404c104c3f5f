# expect: 3:call.denied -- DataFrame.pipe(getattr, name)
import pandas as pd
pd.Series([1]).pipe(getattr, "_" * 2 + "class" + "_" * 2)
