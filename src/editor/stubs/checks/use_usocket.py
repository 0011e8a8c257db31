import usocket

s = usocket.socket(usocket.AF_INET, usocket.SOCK_STREAM)
s.close()
