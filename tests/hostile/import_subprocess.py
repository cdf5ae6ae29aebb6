import subprocess
subprocess.run(["rm", "canary.txt"])
