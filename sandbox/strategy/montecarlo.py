"""Monte Carlo of a strategy's trade returns: bootstrap (with replacement), N paths, seeded.

Reads one JSON job on stdin:
  {"returns": [r, ...], "paths": N, "seed": s, "ruinThreshold": 0.5, "initialEquity": 1.0, "chunkCells": 1000000}
(`returns` are per-trade fractional returns, 0.02 = +2 %, each >= -1; ruinThreshold in [0, 1), default 0.5;
initialEquity default 1; chunkCells bounds memory and never changes the result.) Prints one JSON object:
  {"paths", "trades", "seed", "initialEquity", "ruinThreshold",
   "finalEquity": {"p5", "p50", "p95", "mean"}, "maxDrawdown": {"p5", "p50", "p95", "mean"},
   "probProfit", "probRuin"}

The draws are the contract, so anyone can reproduce a result with numpy alone:
  rng = numpy.random.default_rng(seed); idx = rng.integers(0, n, size=(paths, n))   # n = len(returns)
Path i takes the trades returns[idx[i, 0]], ..., returns[idx[i, n-1]] in that order and compounds them:
  equity[i, j] = initialEquity * prod_{k <= j} (1 + returns[idx[i, k]]).
Rows are drawn in chunks of whole rows; numpy's PCG64 stream is the same whether one call draws all rows or
several calls draw them in order, so chunking changes memory, not results.

Definitions (per path):
  final equity   equity after the last trade;
  max drawdown   max over j of 1 - equity[j] / peak[j], peak[j] = max(initialEquity, equity[0..j]) (0.25 = 25 %);
  profit         final equity > initialEquity (strictly);
  ruin           equity after some trade <= ruinThreshold * initialEquity (the path is counted once, even if it
                 recovers later; ruinThreshold 0 means only a total loss counts).
Percentiles are numpy.percentile's default (linear interpolation) over the paths.
Standard library + numpy only; exit code 2 (with {"error": ...} on stdout) for a malformed job.
"""

import json
import math
import sys

import numpy as np

DEFAULT_CHUNK_CELLS = 1_000_000  # ~24 MB of float64/int64 work arrays per chunk, well under the sandbox's 256 MB


def fail(message):
    print(json.dumps({"error": message}))
    sys.exit(2)


def read_job(raw):
    try:
        job = json.loads(raw)
    except ValueError as e:
        fail(f"job is not valid JSON: {e}")
    if not isinstance(job, dict):
        fail("job must be a JSON object")
    returns = job.get("returns")
    if not isinstance(returns, list) or not returns:
        fail("returns must be a non-empty list of numbers")
    if not all(isinstance(r, (int, float)) and not isinstance(r, bool) and math.isfinite(r) and r >= -1 for r in returns):
        fail("every return must be a finite number >= -1")
    paths, seed = job.get("paths"), job.get("seed")
    if not isinstance(paths, int) or isinstance(paths, bool) or paths < 1:
        fail("paths must be a positive integer")
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        fail("seed must be a non-negative integer")
    ruin = job.get("ruinThreshold", 0.5)
    if not isinstance(ruin, (int, float)) or isinstance(ruin, bool) or not 0 <= ruin < 1:
        fail("ruinThreshold must be a number in [0, 1)")
    initial = job.get("initialEquity", 1.0)
    if not isinstance(initial, (int, float)) or isinstance(initial, bool) or not (math.isfinite(initial) and initial > 0):
        fail("initialEquity must be a positive number")
    cells = job.get("chunkCells", DEFAULT_CHUNK_CELLS)
    if not isinstance(cells, int) or isinstance(cells, bool) or cells < 1:
        fail("chunkCells must be a positive integer")
    return np.asarray(returns, dtype=np.float64), paths, seed, float(ruin), float(initial), cells


def simulate(returns, paths, seed, ruin_threshold, initial, chunk_cells):
    n = len(returns)
    rng = np.random.default_rng(seed)
    rows = max(1, chunk_cells // n)
    final = np.empty(paths)
    drawdown = np.empty(paths)
    ruined = np.empty(paths, dtype=bool)
    growth = 1.0 + returns
    for lo in range(0, paths, rows):
        m = min(rows, paths - lo)
        equity = growth[rng.integers(0, n, size=(m, n))]  # one chunk of whole rows, in draw order
        np.cumprod(equity, axis=1, out=equity)
        equity *= initial
        final[lo:lo + m] = equity[:, -1]
        ruined[lo:lo + m] = equity.min(axis=1) <= ruin_threshold * initial
        peak = np.maximum.accumulate(equity, axis=1)
        np.maximum(peak, initial, out=peak)  # the starting equity is the first peak
        np.divide(equity, peak, out=peak)
        drawdown[lo:lo + m] = 1.0 - peak.min(axis=1)  # == max(1 - equity/peak), 1 - x being monotone
    return final, drawdown, ruined


def summary(values):
    p5, p50, p95 = np.percentile(values, [5, 50, 95])
    return {"p5": float(p5), "p50": float(p50), "p95": float(p95), "mean": float(values.mean())}


def main():
    returns, paths, seed, ruin, initial, cells = read_job(sys.stdin.read())
    final, drawdown, ruined = simulate(returns, paths, seed, ruin, initial, cells)
    print(json.dumps({
        "paths": paths,
        "trades": int(len(returns)),
        "seed": seed,
        "initialEquity": initial,
        "ruinThreshold": ruin,
        "finalEquity": summary(final),
        "maxDrawdown": summary(drawdown),
        "probProfit": float(np.mean(final > initial)),
        "probRuin": float(np.mean(ruined)),
    }))


if __name__ == "__main__":
    main()
