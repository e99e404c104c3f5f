def fibonacci(limit):
    a, b = 0, 1
    while a < limit:
        yield a
        a, b = b, a + b


def windows(seq, size):
    for i in range(len(seq) - size + 1):
        yield seq[i:i + size]


gen = fibonacci(100)
first = next(gen)
rest = list(gen)
print(first, rest, [sum(w) / len(w) for w in windows(rest, 3)][:4])
