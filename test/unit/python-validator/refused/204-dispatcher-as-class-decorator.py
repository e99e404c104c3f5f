# expect: 3:call.dispatch -- a dispatcher as a decorator
import pandas as pd
@pd.DataFrame.apply
class A:
    pass
