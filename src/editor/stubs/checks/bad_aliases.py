import utime
import uos

utime.sleep()  # error: Expected 1 more positional argument
uos.makedirs("x")  # error: "makedirs" is not a known member of module
utime.Any  # error: "Any" is not a known member of module
