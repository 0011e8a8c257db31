import ustruct

b: bytes = ustruct.pack("<H", 1)
