def parse_price(text):
    try:
        value = float(text)
    except ValueError as err:
        raise ValueError(f"not a price: {text!r}") from err
    if value < 0:
        raise ValueError("negative price")
    return value


results = {}
for raw in ["12.5", "abc", "-3", "7"]:
    try:
        results[raw] = parse_price(raw)
    except ValueError as e:
        results[raw] = str(e)
    finally:
        pass
print(results)
