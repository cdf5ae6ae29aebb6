print(__loader__.get_data("canary.txt"))
