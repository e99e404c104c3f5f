# expect: 4:call.dispatch -- a parameter could hold any string
import pandas as pd
def stat(frame, how):
    return frame.agg(how)
