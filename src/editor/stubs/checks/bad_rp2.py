import rp2

rp2.asm_pio(set_init=rp2.PIO.OUT)  # error: Cannot access member "OUT"
rp2.StateMachine(0).start()  # error: Cannot access member "start"
