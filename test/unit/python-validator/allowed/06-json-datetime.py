import json
from datetime import date, datetime, timedelta

raw = '{"trades": [{"day": "2024-03-01", "qty": 10, "price": 12.5}, {"day": "2024-03-04", "qty": -4, "price": 13.0}]}'
book = json.loads(raw)
for trade in book["trades"]:
    trade["day"] = datetime.strptime(trade["day"], "%Y-%m-%d").date()
span = book["trades"][-1]["day"] - book["trades"][0]["day"]
print("days between trades:", span.days)
settle = book["trades"][0]["day"] + timedelta(days=2)
print("settles", settle.isoformat(), settle.strftime("%A"), settle > date(2024, 1, 1))
print(json.dumps({"net": sum(t["qty"] for t in book["trades"])}, indent=2, sort_keys=True))
