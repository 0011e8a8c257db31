import framebuf

fb = framebuf.FrameBuffer(bytearray(8), 8, 8, framebuf.MONO)  # error: "MONO" is not a known member
fb.text("hi")  # error: Expected 2 more positional arguments
fb.circle(1, 1, 1, 1)  # error: Cannot access member "circle"
