# expect: 3:attribute.not_allowed -- read_clipboard runs xclip
import pandas as pd
pd.read_clipboard()
