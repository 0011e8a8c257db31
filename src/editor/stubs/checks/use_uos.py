import uos

names: list[str] = uos.listdir("/")
uos.mount(uos.VfsFat(object()), "/sd")
