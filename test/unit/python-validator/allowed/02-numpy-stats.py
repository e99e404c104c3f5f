import numpy as np

rng = np.random.default_rng(42)
data = rng.normal(loc=5.0, scale=2.0, size=(1000, 3))
print("mean", data.mean(axis=0).round(3))
print("std", np.std(data, axis=0, ddof=1).round(3))
print("median", np.median(data[:, 0]))
print("p5/p95", np.percentile(data[:, 1], [5, 95]))
corr = np.corrcoef(data, rowvar=False)
print("corr\n", np.round(corr, 2))
hist, edges = np.histogram(data[:, 2], bins=10)
print(hist.tolist(), edges.min(), edges.max())
z = (data - data.mean(axis=0)) / data.std(axis=0)
print("outliers", int((np.abs(z) > 3).sum()))
