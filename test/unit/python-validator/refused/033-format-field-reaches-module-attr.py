# expect: 4:format.field -- a field reaching a refused library attribute
import pandas as pd
df = pd.DataFrame({"a": [1]})
print("{0.style}".format(df))
