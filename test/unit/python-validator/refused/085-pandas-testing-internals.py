# expect: 3:attribute.not_allowed -- uuid's command runner behind pandas
import pandas as pd
pd._testing.contexts.uuid._get_command_stdout("sh", "-c", "id")
