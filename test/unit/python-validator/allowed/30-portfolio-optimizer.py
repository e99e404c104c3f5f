import numpy as np

rng = np.random.default_rng(9)
returns = rng.normal(0.0005, 0.01, size=(500, 4))
mu = returns.mean(axis=0) * 252
cov = np.cov(returns, rowvar=False) * 252
best = None
for _ in range(3000):
    w = rng.random(4)
    w /= w.sum()
    ret = float(w @ mu)
    vol = float(np.sqrt(w @ cov @ w))
    sharpe = ret / vol
    if best is None or sharpe > best[0]:
        best = (sharpe, w.round(3), ret, vol)
print("best sharpe %.2f weights %s return %.2f%% vol %.2f%%" % (best[0], best[1], best[2] * 100, best[3] * 100))
