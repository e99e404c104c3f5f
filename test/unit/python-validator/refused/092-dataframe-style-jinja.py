# expect: 4:attribute.not_allowed -- df.style.env.from_string renders an unsandboxed template
import pandas as pd
df = pd.DataFrame({"a": [1]})
t = df.style.env.from_string("{{ 7 * 7 }}")
