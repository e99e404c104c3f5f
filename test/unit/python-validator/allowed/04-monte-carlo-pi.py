import random
import math

random.seed(2024)
n = 100_000
inside = sum(1 for _ in range(n) if random.random() ** 2 + random.random() ** 2 <= 1.0)
estimate = 4 * inside / n
print(f"pi ~ {estimate:.4f} (error {abs(estimate - math.pi):.4f})")
