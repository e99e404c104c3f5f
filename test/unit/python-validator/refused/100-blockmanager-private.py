# expect: 4:attribute.not_allowed -- a private library attribute
import pandas as pd
df = pd.DataFrame({"a": [1]})
df._mgr.blocks
