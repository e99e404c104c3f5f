# expect: 3:attribute.not_allowed -- timeit.Timer through pandas
import pandas as pd
pd.core.nanops.bn.benchmark
