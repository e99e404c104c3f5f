# expect: 5:call.dispatch -- DataFrame.apply('query', expr=...) runs the string evaluator
import pandas as pd
df = pd.DataFrame({"a": [1]})
q = "qu" + "ery"
df.apply(q, expr="a > 0")
