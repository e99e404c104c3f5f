import numpy as np


def moving_average(prices, n):
    out = np.full(len(prices), np.nan)
    if n <= len(prices):
        out[n - 1:] = np.convolve(prices, np.ones(n) / n, mode="valid")
    return out


def signal(prices, fast=5, slow=20, band=0.0):
    fast, slow = int(fast), int(slow)
    spread = moving_average(prices, fast) - moving_average(prices, slow)
    pos = np.where(spread > band, 1.0, np.where(spread < -band, -1.0, 0.0))
    return np.nan_to_num(pos)


if __name__ == "__main__":
    p = np.linspace(100, 120, 60) + np.sin(np.arange(60))
    print(signal(p, 3, 10)[-10:])
