# expect: 5:call.dispatch -- a literal that names another dispatcher forwards an unchecked name
import pandas as pd
df = pd.DataFrame({"a": [1]})
name = "ev" + "al"
df.agg("apply", name)
