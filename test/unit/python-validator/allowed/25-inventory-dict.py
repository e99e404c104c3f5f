inventory = {"apples": {"qty": 12, "price": 0.4}, "pears": {"qty": 0, "price": 0.6}, "kiwis": {"qty": 30, "price": 0.25}}


def restock(inv, item, amount):
    entry = inv.setdefault(item, {"qty": 0, "price": 1.0})
    entry["qty"] += amount
    return entry


restock(inventory, "pears", 5)
restock(inventory, "plums", 8)
value = sum(v["qty"] * v["price"] for v in inventory.values())
out_of_stock = [k for k, v in inventory.items() if v["qty"] == 0]
print(f"stock value {value:.2f}", out_of_stock, sorted(inventory, key=lambda k: inventory[k]["qty"], reverse=True))
