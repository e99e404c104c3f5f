import numpy as np

board = np.zeros((3, 3), dtype=int)
moves = [(0, 0, 1), (1, 1, 2), (0, 1, 1), (2, 2, 2), (0, 2, 1)]
for r, c, player in moves:
    board[r, c] = player


def winner(b):
    lines = list(b) + list(b.T) + [b.diagonal(), np.fliplr(b).diagonal()]
    for line in lines:
        if line[0] and np.all(line == line[0]):
            return int(line[0])
    return None


print(board)
print("winner:", winner(board), "empty cells:", np.argwhere(board == 0).tolist())
