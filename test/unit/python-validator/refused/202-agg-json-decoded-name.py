# expect: 4:call.dispatch -- a name decoded at run time
import json
import pandas as pd
pd.Series([1]).agg(json.loads('"qu" "ery"'))
