# expect: 3:attribute.not_allowed -- operator through fractions
import fractions
fractions.operator.attrgetter("real")
