1.0 // 0.0
# Raise=ZeroDivisionError('float floor division by zero')
