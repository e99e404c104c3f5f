# expect: 3:attribute.not_allowed -- registers attributes on pandas classes
import pandas as pd
pd.api.extensions.register_dataframe_accessor("x")
