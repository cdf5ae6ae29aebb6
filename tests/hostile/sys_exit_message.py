import sys
sys.exit("fatal: stop")
