# expect: 3:attribute.not_allowed -- engines imported by name
import pandas as pd
pd.ExcelWriter("/tmp/x.xlsx", engine="openpyxl")
