# expect: 6:attribute.not_allowed -- pandas' string-to-function helper reaches __globals__ (passed the old validator)
import pandas as pd
def f():
    pass
u = "_" * 2
g = pd.core.apply.Apply._try_aggregate_string_function(None, f, u + "globals" + u)
print(g[u + "builtins" + u])
