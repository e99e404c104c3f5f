import numpy as np

rng = np.random.default_rng(0)
x = np.linspace(0, 10, 50)
y = 3.0 * x + 2.0 + rng.normal(0, 1.5, x.size)
A = np.column_stack([x, np.ones_like(x)])
coef, residuals, rank, sv = np.linalg.lstsq(A, y, rcond=None)
slope, intercept = coef
pred = A @ coef
r2 = 1 - ((y - pred) ** 2).sum() / ((y - y.mean()) ** 2).sum()
print(f"y = {slope:.2f}x + {intercept:.2f}, R^2 = {r2:.3f}")
fit = np.polyfit(x, y, 2)
print(np.round(fit, 3), np.polyval(fit, 5.0).round(2))
print(np.linalg.inv(np.array([[2.0, 1.0], [1.0, 3.0]])).round(3), np.linalg.norm([3, 4]))
