from decimal import Decimal, ROUND_HALF_UP, getcontext
from fractions import Fraction

getcontext().prec = 28
price = Decimal("19.99")
qty = 3
tax = (price * qty * Decimal("0.0825")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
print("subtotal", price * qty, "tax", tax, "total", price * qty + tax)
share = Fraction(1, 3) + Fraction(1, 6)
print(share, float(share), share.limit_denominator(10), share.numerator, share.denominator)
