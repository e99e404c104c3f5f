# expect: 3:attribute.not_allowed -- to_clipboard runs xclip
import pandas as pd
pd.DataFrame({"a": [1]}).to_clipboard()
