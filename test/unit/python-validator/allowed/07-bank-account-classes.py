class InsufficientFunds(Exception):
    pass


class Account:
    interest = 0.0

    def __init__(self, owner, balance=0.0):
        self.owner = owner
        self._balance = balance
        self.history = []

    @property
    def balance(self):
        return self._balance

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("amount must be positive")
        self._balance += amount
        self.history.append(("deposit", amount))

    def withdraw(self, amount):
        if amount > self._balance:
            raise InsufficientFunds(f"{self.owner} has only {self._balance:.2f}")
        self._balance -= amount
        self.history.append(("withdraw", amount))

    def __repr__(self):
        return f"Account({self.owner!r}, {self._balance:.2f})"


class Savings(Account):
    interest = 0.02

    def __init__(self, owner, balance=0.0, rate=0.02):
        super().__init__(owner, balance)
        self.rate = rate

    def add_interest(self):
        self.deposit(self.balance * self.rate)


acct = Savings("ana", 100)
acct.add_interest()
try:
    acct.withdraw(500)
except InsufficientFunds as err:
    print("refused:", err)
print(acct, acct.history, isinstance(acct, Account))
