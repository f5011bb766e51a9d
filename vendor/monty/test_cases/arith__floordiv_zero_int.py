1 // 0
# Raise=ZeroDivisionError('integer division or modulo by zero')
