try:
    open("canary.txt")
except OSError as e:
    print("caught", type(e).__name__)
except BaseException as e:
    print("caught", type(e).__name__)
finally:
    print("finally runs")
