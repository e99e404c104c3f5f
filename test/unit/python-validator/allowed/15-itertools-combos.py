import itertools

assets = ["stocks", "bonds", "gold", "cash"]
weights = [0.0, 0.25, 0.5, 0.75, 1.0]
portfolios = [dict(zip(assets, w)) for w in itertools.product(weights, repeat=4) if abs(sum(w) - 1.0) < 1e-9]
print(len(portfolios), "portfolios; first", portfolios[0])
print(list(itertools.combinations(assets, 2))[:3])
running = list(itertools.accumulate([3, 1, 4, 1, 5], lambda a, b: a + b))
for key, group in itertools.groupby(sorted("mississippi")):
    print(key, len(list(group)), end="; ")
print(running, list(itertools.islice(itertools.cycle("ab"), 5)))
