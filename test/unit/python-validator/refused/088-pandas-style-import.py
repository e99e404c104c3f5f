# expect: 2:import.denied_module -- jinja2 behind Styler
import pandas.io.formats.style
