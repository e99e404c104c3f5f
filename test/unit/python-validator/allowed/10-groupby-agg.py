import pandas as pd

sales = pd.DataFrame({
    "region": ["north", "south", "north", "east", "south", "east", "north"],
    "product": ["a", "b", "a", "c", "a", "b", "c"],
    "units": [10, 3, 7, 8, 2, 9, 4],
    "price": [2.5, 4.0, 2.5, 1.0, 2.5, 4.0, 1.0],
})
sales["revenue"] = sales["units"] * sales["price"]
by_region = sales.groupby("region").agg({"units": "sum", "revenue": ["mean", "max"]})
print(by_region)
named = sales.groupby("product").agg(total=("revenue", "sum"), orders=("units", "count"))
print(named.sort_values("total", ascending=False))
print(sales.groupby("region")["units"].transform("mean").round(1).tolist())
print(sales.pivot_table(index="region", columns="product", values="units", aggfunc="sum", fill_value=0))
