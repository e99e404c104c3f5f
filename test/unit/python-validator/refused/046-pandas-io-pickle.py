# expect: 3:attribute.not_allowed -- the pickle module behind pandas.io
import pandas as pd
pd.io.pickle.pc.pickle.loads(b"")
