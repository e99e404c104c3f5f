import random
import statistics


def walk(steps, p_up=0.5):
    pos = 0
    path = [pos]
    for _ in range(steps):
        pos += 1 if random.random() < p_up else -1
        path.append(pos)
    return path


random.seed(11)
finals = [walk(100)[-1] for _ in range(2000)]
print("mean", statistics.mean(finals), "stdev", round(statistics.pstdev(finals), 2))
print("sample", random.sample(finals, 5), random.choice(["heads", "tails"]), random.randint(1, 6))
shuffled = list(range(10))
random.shuffle(shuffled)
print(sorted(shuffled) == list(range(10)), round(random.uniform(1, 2), 3), random.gauss(0, 1) < 10)
