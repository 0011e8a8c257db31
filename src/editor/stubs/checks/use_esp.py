import esp

size: int = esp.flash_size()
start = esp.flash_user_start()
esp.osdebug(None)
esp.osdebug(0, esp.LOG_ERROR)
data = esp.flash_read(start, 16)
