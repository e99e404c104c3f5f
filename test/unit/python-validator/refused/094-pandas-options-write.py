# expect: 3:attribute.not_allowed -- pd.options is not listed
import pandas as pd
pd.options.plotting.backend = "os"
