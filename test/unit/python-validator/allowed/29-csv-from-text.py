import json
import pandas as pd

rows = [
    {"date": "2024-01-02", "ticker": "AAA", "close": 10.0},
    {"date": "2024-01-03", "ticker": "AAA", "close": 10.4},
    {"date": "2024-01-02", "ticker": "BBB", "close": 50.0},
    {"date": "2024-01-03", "ticker": "BBB", "close": 49.1},
]
df = pd.DataFrame(rows)
df["date"] = pd.to_datetime(df["date"])
wide = df.pivot(index="date", columns="ticker", values="close")
print(wide.pct_change().dropna().round(4))
print(json.dumps(json.loads(df.to_json(orient="records", date_format="iso"))[:1]))
print(pd.json_normalize({"a": {"b": 1, "c": [1, 2]}}).columns.tolist())
