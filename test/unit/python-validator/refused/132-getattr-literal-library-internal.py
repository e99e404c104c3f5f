# expect: 3:call.denied -- a literal getattr is judged like an attribute
import pandas as pd
getattr(pd.DataFrame({"a": [1]}), "style")
