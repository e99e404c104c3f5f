# expect: 4:attribute.not_allowed -- plotting.backend names a module to import; .plot imports it
import pandas as pd
pd.set_option("plotting.backend", "os")
pd.Series([1]).plot()
