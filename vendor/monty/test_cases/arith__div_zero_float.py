1.0 / 0.0
# Raise=ZeroDivisionError('float division by zero')
