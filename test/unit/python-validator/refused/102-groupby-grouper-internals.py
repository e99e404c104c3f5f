# expect: 4:attribute.not_allowed -- GroupBy.grouper reaches string-dispatched internals
import pandas as pd
g = pd.DataFrame({"k": [1]}).groupby("k")
g.grouper.groupings
