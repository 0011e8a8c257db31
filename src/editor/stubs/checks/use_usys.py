import usys

usys.stdout.write(usys.platform)
