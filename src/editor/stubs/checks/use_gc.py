import gc

gc.collect()
free: int = gc.mem_free()
used: int = gc.mem_alloc()
gc.threshold(gc.mem_free() // 4 + gc.mem_alloc())
limit: int = gc.threshold()
gc.disable()
gc.enable()
on: bool = gc.isenabled()
