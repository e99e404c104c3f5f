# expect: 3:attribute.not_allowed -- HDFStore.get unpickles
import pandas as pd
pd.HDFStore("/tmp/x.h5").get("k")
