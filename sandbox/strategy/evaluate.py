"""Trusted strategy harness: runs inside the sandbox next to the user's (already validated) `strategy.py`.

User contract: the module defines `signal(prices, **params)`. `prices` is a 1-D float numpy array of closes (a
fresh copy per call, oldest first); the result is one position per bar (numpy array or list, same length):
1 long, -1 short, 0 flat (fractions in [-1, 1] are allowed as sizing). The position at bar t is held from the
close of bar t to the close of bar t+1, so it earns the NEXT bar's return (deciding on bar t's own close is
fine; using later bars is refused by the look-ahead probe below). print() output goes to stderr (its first
8 KB), never into the harness's JSON.

Run: python3 evaluate.py [path/to/strategy.py] < job.json   (default: strategy.py in the working directory)

Job (JSON on stdin):
  {"series": [closes], "start": s, "end": e, "params": [{...}, ...],
   "warmup": 0, "probes": 3, "budgetSeconds": null, "periodsPerYear": 252, "tradeReturns": true}
The strategy sees series[max(0, s - warmup):e] (warmup bars let indicators fill before the window). Scored
returns are those realised at bars t in [max(s, first seen + 1), e): return r_t = p_t / p_{t-1} - 1, strategy
return = position_{t-1} * r_t. Several parameter sets per job amortise the sandbox start. "tradeReturns": false
leaves the per-trade lists out (a grid search needs only the summary; they can exceed the sandbox's output cap).
budgetSeconds is checked between sets (sets left when it is spent get "budget" errors, so the caller keeps what
was done); a signal() that never returns is stopped by the sandbox's wall clock, not here.

Metrics per parameter set (over the scored returns x_1..x_n):
  totalReturn  prod(1 + x) - 1
  sharpe       mean(x) / std(x, ddof=1) * sqrt(periodsPerYear); 0 when n < 2 or std < 1e-12
  maxDrawdown  max over the equity curve (starting at 1) of 1 - equity / running peak (0.2 = 20 %)
  trades       runs of a constant non-zero position (a flip long -> short is two trades; a run already open
               when scoring starts counts, one still open at the end is closed at the last bar)
  tradeReturns compounded strategy return of each trade, in order
  exposure     share of scored bars with a non-zero position;  bars  n

Look-ahead probe: a causal strategy gives the same positions on a prefix of the prices as on the whole, so for
`probes` cut points k the harness checks signal(prices[:k]) == signal(prices)[:k] (within 1e-9); a mismatch (the signal uses
later bars, e.g. np.roll(prices, -1), or a whole-window normalisation, or is not deterministic) is a
"lookahead" error for that parameter set.

Output (stdout, one JSON object): {"results": [{"index", "params", "metrics"}], "errors": [{"index", "params",
"code", "message"}]}; codes: exception, shape, value, lookahead, budget, and import (index null: the module
itself failed, no set ran). A malformed job is a harness bug: exit 2 with {"error": ...}.
Standard library + numpy only.
"""

import contextlib
import importlib.util
import json
import math
import os
import sys
import time
import traceback

import numpy as np

MAX_PROBES = 10
PRINT_BYTES = 8192  # the sandbox kills a run at 1 MB of stdout+stderr: a chatty strategy must not cost the job


class BoundedSink:
    """Stands in for stdout while user code runs: keeps the first PRINT_BYTES characters, counts the rest."""

    def __init__(self):
        self.kept, self.dropped = [], 0
        self.room = PRINT_BYTES

    def write(self, text):
        text = str(text)
        keep = text[:self.room]
        self.kept.append(keep)
        self.room -= len(keep)
        self.dropped += len(text) - len(keep)
        return len(text)

    def flush(self):
        pass

    def dump(self, stream):
        stream.write("".join(self.kept))
        if self.dropped:
            stream.write(f"\n[{self.dropped} more characters of print output dropped]\n")


def fail(message):
    print(json.dumps({"error": message}))
    sys.exit(2)


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def read_job(raw):
    try:
        job = json.loads(raw)
    except ValueError as e:
        fail(f"job is not valid JSON: {e}")
    if not isinstance(job, dict):
        fail("job must be a JSON object")
    series = job.get("series")
    if not isinstance(series, list) or len(series) < 2:
        fail("series must be a list of at least 2 prices")
    if not all(isinstance(p, (int, float)) and not isinstance(p, bool) and math.isfinite(p) and p > 0 for p in series):
        fail("every price must be a finite number > 0")
    start, end = job.get("start", 0), job.get("end", len(series))
    if not (is_int(start) and is_int(end) and 0 <= start and start + 2 <= end <= len(series)):
        fail(f"need integers 0 <= start, start + 2 <= end <= {len(series)}; got start={start!r} end={end!r}")
    params = job.get("params")
    if not isinstance(params, list) or not all(isinstance(p, dict) for p in params):
        fail("params must be a list of objects")
    warmup, probes = job.get("warmup", 0), job.get("probes", 3)
    if not (is_int(warmup) and warmup >= 0):
        fail("warmup must be a non-negative integer")
    if not (is_int(probes) and 0 <= probes <= MAX_PROBES):
        fail(f"probes must be an integer in [0, {MAX_PROBES}]")
    budget = job.get("budgetSeconds")
    if budget is not None and not (isinstance(budget, (int, float)) and budget > 0):
        fail("budgetSeconds must be a positive number")
    ppy = job.get("periodsPerYear", 252)
    if not (isinstance(ppy, (int, float)) and ppy > 0):
        fail("periodsPerYear must be a positive number")
    trades = job.get("tradeReturns", True)
    if not isinstance(trades, bool):
        fail("tradeReturns must be true or false")
    return series, start, end, params, warmup, probes, budget, float(ppy), trades


def load_strategy(path):
    spec = importlib.util.spec_from_file_location("strategy", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fn = getattr(module, "signal", None)
    if not callable(fn):
        raise TypeError("the strategy module must define a function signal(prices, **params)")
    return fn


def describe(exc, path):
    """'ValueError: msg (strategy.py line 12)': the user's own line, not the harness's."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if os.path.abspath(frame.filename) == path:
            line = frame.lineno
    where = f" ({os.path.basename(path)} line {line})" if line else ""
    return f"{type(exc).__name__}: {exc}"[:500] + where


class SetError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def positions(fn, prices, params, path):
    try:
        raw = fn(prices.copy(), **params)  # a copy: one set must not corrupt the prices the next one sees
    except BaseException as e:  # SystemExit, RecursionError ...: the user's failure, never the harness's
        raise SetError("exception", describe(e, path)) from None
    try:
        pos = np.asarray(raw, dtype=np.float64)
    except Exception as e:  # whatever the returned object raises on conversion
        raise SetError("value", f"signal() must return numbers: {e}") from None
    if pos.shape != prices.shape:
        raise SetError("shape", f"signal() returned shape {pos.shape} for {len(prices)} prices; need one position per bar")
    bad = np.flatnonzero(~np.isfinite(pos) | (np.abs(pos) > 1))
    if bad.size:
        raise SetError("value", f"position at bar {int(bad[0])} is {float(pos[bad[0]])!r}; positions must be finite and in [-1, 1]")
    return pos


def probe_lookahead(fn, prices, pos, params, path, probes):
    n = len(prices)
    cuts = sorted({max(2, n * (i + 1) // (probes + 1)) for i in range(probes)} - {n})
    for k in cuts:
        head = positions(fn, prices[:k], params, path)
        diff = np.flatnonzero(np.abs(head - pos[:k]) > 1e-9)  # not bitwise: summation order may differ by an ulp
        if diff.size:
            t = int(diff[0])
            raise SetError("lookahead", f"position at bar {t} is {float(head[t])!r} when the strategy sees bars 0..{k - 1} "
                           f"but {float(pos[t])!r} when it sees all {n}: it uses later prices (or is not deterministic)")


def metrics(prices, pos, first, ppy):
    """`first`: index (in `prices`) of the first bar whose return is scored, >= 1."""
    r = prices[1:] / prices[:-1] - 1.0
    held = pos[first - 1:-1]  # position held into each scored bar
    x = held * r[first - 1:]
    n = len(x)
    growth = 1.0 + x
    equity = np.cumprod(growth)
    peak = np.maximum.accumulate(np.concatenate(([1.0], equity)))[1:]
    sd = float(x.std(ddof=1)) if n > 1 else 0.0
    sharpe = float(x.mean()) / sd * math.sqrt(ppy) if sd >= 1e-12 else 0.0
    # trades: runs of constant non-zero held position
    starts = np.flatnonzero(np.concatenate(([True], held[1:] != held[:-1])))
    trade_starts = starts[held[starts] != 0]
    ends = np.append(starts[1:], n)[held[starts] != 0]
    trade_returns = [float(np.prod(growth[a:b]) - 1.0) for a, b in zip(trade_starts, ends)]
    return {
        "totalReturn": float(equity[-1] - 1.0),
        "sharpe": sharpe,
        "maxDrawdown": float(np.max(1.0 - equity / peak)),
        "trades": len(trade_returns),
        "tradeReturns": trade_returns,
        "exposure": float(np.mean(held != 0)),
        "bars": n,
    }


def finite(v):
    """JSON has no inf/nan: a non-finite metric (absurd prices) becomes null instead of invalid output."""
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, list):
        return [finite(x) for x in v]
    if isinstance(v, dict):
        return {k: finite(x) for k, x in v.items()}
    return v


def main():
    out = sys.stdout
    series, start, end, params, warmup, probes, budget, ppy, keep_trades = read_job(sys.stdin.read())
    path = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "strategy.py")
    seen_from = max(0, start - warmup)
    prices = np.asarray(series[seen_from:end], dtype=np.float64)
    first = max(start - seen_from, 1)
    results, errors = [], []
    began = time.monotonic()
    sink = BoundedSink()
    with contextlib.redirect_stdout(sink), np.errstate(all="ignore"):
        try:
            fn = load_strategy(path)
        except BaseException as e:
            fn = None
            errors.append({"index": None, "params": None, "code": "import", "message": describe(e, path)})
        for i, p in enumerate(params if fn else []):
            if budget is not None and time.monotonic() - began > budget:
                errors.append({"index": i, "params": p, "code": "budget",
                               "message": f"not evaluated: the job's {budget} s budget was spent"})
                continue
            try:
                pos = positions(fn, prices, p, path)
                if probes:
                    probe_lookahead(fn, prices, pos, p, path, probes)
                m = metrics(prices, pos, first, ppy)
                if not keep_trades:
                    del m["tradeReturns"]
                results.append({"index": i, "params": p, "metrics": finite(m)})
            except SetError as e:
                errors.append({"index": i, "params": p, "code": e.code, "message": str(e)})
    sink.dump(sys.stderr)
    out.write(json.dumps({"results": results, "errors": errors}, allow_nan=False) + "\n")


if __name__ == "__main__":
    sys.dont_write_bytecode = True  # the sandbox's root is read-only; don't litter strategy dirs in tests either
    main()
