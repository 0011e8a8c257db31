import ure

m = ure.match("a", "abc")
