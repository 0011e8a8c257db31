import os

os.listdir(1, 2)  # error: No overloads|Expected
os.makedirs("a/b")  # error: "makedirs" is not a known member of module
os.urandom()  # error: Expected 1 more positional argument
