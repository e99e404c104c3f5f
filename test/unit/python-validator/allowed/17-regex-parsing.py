import re

log = """2024-05-01 10:00:01 BUY AAPL 10 @ 172.50
2024-05-01 10:05:44 SELL MSFT 3 @ 410.10
2024-05-02 09:31:00 BUY GOOG 2 @ 165.00"""
pattern = re.compile(r"^(\d{4}-\d{2}-\d{2}) \S+ (BUY|SELL) (\w+) (\d+) @ ([\d.]+)$", re.MULTILINE)
for m in pattern.finditer(log):
    day, side, sym, qty, price = m.groups()
    print(day, side.lower(), sym, int(qty) * float(price))
print(re.sub(r"\d", "#", "acct 12345"), re.findall(r"[A-Z]{4}", log), bool(re.match(r"\d+", "42x")))
