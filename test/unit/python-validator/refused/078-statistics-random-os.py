# expect: 3:attribute.not_allowed -- a module re-exported by another allowed module
import statistics
statistics.random._os
