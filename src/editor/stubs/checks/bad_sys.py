import sys

sys.print_exception()  # error: Expected 1 more positional argument
sys.getsizeof(1)  # error: "getsizeof" is not a known member of module
