import numpy as np
import pandas as pd

idx = pd.date_range("2024-01-01 09:30", periods=390, freq="min")
ticks = pd.Series(100 + np.random.default_rng(5).normal(0, 0.05, len(idx)).cumsum(), index=idx)
bars = ticks.resample("30min").ohlc()
bars["volume"] = np.random.default_rng(6).integers(100, 1000, len(bars))
bars["range"] = bars.high - bars.low
bars["gap"] = bars.open - bars.close.shift()
print(bars.head().round(3))
daily = ticks.resample("D").agg(["first", "last", "min", "max"])
print(daily)
