# Reference strategy for the strategy lab: long while the fast simple moving average is above the slow one, short
# while it is below, flat until both averages exist. The synthetic series (lib/synthetic-series.ts) is built
# so that fast=5, slow=20 is the best pair. Imports numpy only, no dunders: it passes the validator.
import numpy as np


def moving_average(prices, n):
    """Mean of the last n closes at each bar (bar t included); NaN until n closes exist."""
    out = np.full(len(prices), np.nan)
    if n <= len(prices):
        out[n - 1:] = np.convolve(prices, np.ones(n) / n, mode="valid")
    return out


def signal(prices, fast=5, slow=20):
    fast, slow = int(fast), int(slow)
    if fast < 1 or slow < 1:
        raise ValueError("fast and slow must be positive")
    spread = moving_average(prices, fast) - moving_average(prices, slow)
    return np.nan_to_num(np.sign(spread))  # NaN (not enough history yet) -> flat
