# expect: 3:attribute.not_allowed -- read_hdf unpickles object data
import pandas as pd
pd.read_hdf("/tmp/x.h5")
