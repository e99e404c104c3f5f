import numpy as np

def backtest(prices, fast=5, slow=20, cash=10_000.0, fee=0.001):
    position = 0
    equity = []
    for t in range(slow, len(prices)):
        fast_ma = prices[t - fast:t].mean()
        slow_ma = prices[t - slow:t].mean()
        if fast_ma > slow_ma and position == 0:
            position = cash * (1 - fee) / prices[t]
            cash = 0.0
        elif fast_ma < slow_ma and position > 0:
            cash = position * prices[t] * (1 - fee)
            position = 0
        equity.append(cash + position * prices[t])
    return np.array(equity)

prices = 100 * np.exp(np.cumsum(np.random.default_rng(1).normal(0.0005, 0.01, 500)))
curve = backtest(prices)
peak = np.maximum.accumulate(curve)
print(f"final {curve[-1]:.2f}, max drawdown {np.max(1 - curve / peak):.2%}")
