import numpy as np
import pandas as pd

prices = pd.Series(100 + np.cumsum(np.random.default_rng(7).normal(0, 1, 250)),
                   index=pd.date_range("2024-01-01", periods=250, freq="B"), name="close")
df = pd.DataFrame({"close": prices})
df["sma20"] = df["close"].rolling(20).mean()
df["sma50"] = df["close"].rolling(window=50, min_periods=10).mean()
df["ema12"] = df.close.ewm(span=12, adjust=False).mean()
df["signal"] = np.where(df["sma20"] > df["sma50"], 1, -1)
print(df.dropna().tail(5).round(2).to_string())
print("crossovers:", int((df["signal"].diff().abs() > 0).sum()))
