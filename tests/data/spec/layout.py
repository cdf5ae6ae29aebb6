if x:
	pass
	if y:
		pass
else:
        pass
x = (1,
     2,
  3)
y = [
    1,
]
z = 1 + \
    2
if a:
    b = 1
c = {

  1: 2,  # comment

}
d = 1
  # odd comment
e = """
  x
"""
if f:
    pass


    
g = 1;
h = 2  ;  i = 3
class A: x = 1; y = 2
