# expect: 4:attribute.not_allowed -- a column string does not unlock a library name
import pandas as pd
df = pd.DataFrame({"query": [1], "grouper": [2]})
df.groupby("query").grouper
