c = chr(0xDC80)
print(len(c))
