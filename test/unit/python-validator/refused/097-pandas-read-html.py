# expect: 3:attribute.not_allowed -- read_html fetches URLs
import pandas as pd
pd.read_html("http://example.invalid/")
