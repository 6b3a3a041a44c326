100 0.5 extra
200 1
