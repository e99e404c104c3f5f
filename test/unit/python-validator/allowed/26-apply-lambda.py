import numpy as np
import pandas as pd

df = pd.DataFrame({"high": [10.5, 11.0, 10.8], "low": [9.9, 10.2, 10.1], "close": [10.2, 10.9, 10.3]})


def true_range(row):
    return row["high"] - row["low"]


df["tr"] = df.apply(true_range, axis=1)
df["mid"] = df.apply(lambda r: (r.high + r.low) / 2, axis=1)
df["z"] = df[["close"]].apply(lambda c: (c - c.mean()) / c.std()).round(3)
print(df.agg(["mean", "max"]).round(3))
print(df["close"].map(lambda v: "up" if v > 10.25 else "down").tolist(), df.agg(np.mean).round(2).to_dict())
