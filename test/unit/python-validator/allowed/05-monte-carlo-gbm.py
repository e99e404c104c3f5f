import numpy as np
import statistics

def simulate(s0, mu, sigma, days, paths, seed=0):
    rng = np.random.default_rng(seed)
    dt = 1 / 252
    shocks = rng.standard_normal((paths, days))
    log_paths = np.cumsum((mu - 0.5 * sigma ** 2) * dt + sigma * np.sqrt(dt) * shocks, axis=1)
    return s0 * np.exp(log_paths)

paths = simulate(100.0, 0.07, 0.2, 252, 2000)
final = paths[:, -1]
print("mean", round(statistics.fmean(final.tolist()), 2))
print("VaR 95%", round(100 - np.quantile(final, 0.05), 2))
print("P(loss)", (final < 100).mean())
