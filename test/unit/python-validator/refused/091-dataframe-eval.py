# expect: 3:attribute.not_allowed -- DataFrame.eval
import pandas as pd
pd.DataFrame({"a": [1]}).eval("b = a * 2")
