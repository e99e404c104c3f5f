from collections import Counter, defaultdict, deque, namedtuple

Trade = namedtuple("Trade", "symbol side qty")
trades = [Trade("AAPL", "buy", 10), Trade("MSFT", "sell", 5), Trade("AAPL", "sell", 3), Trade("GOOG", "buy", 1)]
counts = Counter(t.symbol for t in trades)
net = defaultdict(int)
for t in trades:
    net[t.symbol] += t.qty if t.side == "buy" else -t.qty
recent = deque(maxlen=2)
for t in trades:
    recent.append(t)
print(counts.most_common(2), dict(net), [r.symbol for r in recent])
print(trades[0]._asdict(), trades[0]._replace(qty=99))
