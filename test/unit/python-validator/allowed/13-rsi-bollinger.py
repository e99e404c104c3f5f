import pandas as pd
import numpy as np

close = pd.Series(np.random.default_rng(3).normal(0, 1, 120).cumsum() + 50)
delta = close.diff()
gain = delta.clip(lower=0).rolling(14).mean()
loss = -delta.clip(upper=0).rolling(14).mean()
rsi = 100 - 100 / (1 + gain / loss)
mid = close.rolling(20).mean()
std = close.rolling(20).std()
bands = pd.DataFrame({"close": close, "upper": mid + 2 * std, "lower": mid - 2 * std, "rsi": rsi})
bands["touch"] = (bands["close"] > bands["upper"]) | (bands["close"] < bands["lower"])
print(bands.dropna().iloc[-5:].round(2))
print("oversold days:", int((bands.rsi < 30).sum()))
