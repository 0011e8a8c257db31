import micropython

micropython.schedule(lambda: None)  # error: Expected 1 more positional argument
micropython.const()  # error: Expected 1 more positional argument
