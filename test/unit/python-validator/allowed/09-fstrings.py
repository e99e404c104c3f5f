import math

items = [("apple", 1.25, 3), ("banana", 0.5, 12), ("cherry", 4.0, 1)]
width = 10
print(f"{'item':<{width}}{'price':>8}{'qty':>5}{'total':>9}")
for name, price, qty in items:
    print(f"{name:<{width}}{price:>8.2f}{qty:>5d}{price * qty:>9.2f}")
total = sum(p * q for _, p, q in items)
print(f"{'sum':<{width}}{total:>22.2f}")
print(f"{math.pi:.3e} {1234567.891:,.1f} {0.256:.1%} {42:#x} {7!r}")
print("{:>6} | {:<6}|".format("right", "left"), "{name} scored {score:.1f}".format(name="bo", score=9.25))
