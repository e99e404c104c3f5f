words = "the quick brown fox jumps over the lazy dog the end".split()
lengths = {w: len(w) for w in set(words)}
long_words = sorted([w for w in lengths if lengths[w] > 3], key=lambda w: (-lengths[w], w))
pairs = [(i, j) for i in range(4) for j in range(i) if (i + j) % 2]
evens = (n * n for n in range(20) if n % 2 == 0)
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
transposed = list(map(list, zip(*matrix)))
print(long_words, pairs, sum(evens), transposed)
print({k: v for k, v in sorted(lengths.items()) if v == max(lengths.values())})
