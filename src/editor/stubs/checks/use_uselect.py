import uselect

p = uselect.poll()
ready = p.poll(0)
