# expect: 4:attribute.not_allowed -- an attribute neither listed nor defined by the program
import pandas as pd
df = pd.read_csv("prices.csv")
print(df.Close)
