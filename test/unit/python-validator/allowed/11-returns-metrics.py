import numpy as np
import pandas as pd

close = pd.Series([100, 101.5, 99.8, 102.2, 104.0, 103.1, 105.6, 107.0, 106.2, 108.9])
returns = close.pct_change().dropna()
log_returns = np.log(close / close.shift(1)).dropna()
sharpe = returns.mean() / returns.std(ddof=1) * np.sqrt(252)
equity = (1 + returns).cumprod()
drawdown = 1 - equity / equity.cummax()
print(f"sharpe {sharpe:.2f}, max dd {drawdown.max():.2%}, log total {log_returns.sum():.4f}")
print(returns.describe().round(4).to_dict())
