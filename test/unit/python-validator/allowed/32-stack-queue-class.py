from collections import deque


class OrderBook:
    """Bids and asks as price-sorted lists; call __init__ through OrderBook()."""

    def __init__(self):
        self.bids = []
        self.asks = []
        self.fills = deque()

    def add(self, side, price, qty):
        book = self.bids if side == "buy" else self.asks
        book.append([price, qty])
        book.sort(key=lambda o: -o[0] if side == "buy" else o[0])
        self.match()

    def match(self):
        while self.bids and self.asks and self.bids[0][0] >= self.asks[0][0]:
            qty = min(self.bids[0][1], self.asks[0][1])
            self.fills.append((self.asks[0][0], qty))
            for book in (self.bids, self.asks):
                book[0][1] -= qty
                if book[0][1] == 0:
                    book.pop(0)

    @staticmethod
    def spread(bids, asks):
        return asks[0][0] - bids[0][0] if bids and asks else None


ob = OrderBook()
for order in [("buy", 10.0, 5), ("sell", 10.5, 3), ("sell", 9.9, 2), ("buy", 10.6, 4)]:
    ob.add(*order)
print(list(ob.fills), OrderBook.spread(ob.bids, ob.asks), ob.bids, ob.asks)
