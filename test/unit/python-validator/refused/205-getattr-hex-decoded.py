# expect: 3:call.denied -- bytes.fromhex(...).decode() builds a name
n = bytes.fromhex("5f5f636c6173735f5f").decode()
print(getattr(1, n))
