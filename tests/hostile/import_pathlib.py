import pathlib
pathlib.Path("canary.txt").unlink()
