import time
print(time.localtime().tm_zone)
