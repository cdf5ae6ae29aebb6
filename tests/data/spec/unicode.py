# -*- coding: utf-8 -*-
привет = "мир"
π = 3.14159
日本語 = {"キー": "値"}
café = 1
def größe(maß): return maß
print(привет, π, 日本語, café, größe(1))
s = "emoji 😀 and é"
x = [π for π in range(3)]
