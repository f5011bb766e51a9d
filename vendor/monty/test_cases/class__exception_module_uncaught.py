class StatisticsError(ValueError):
    __module__ = 'statistics'


raise StatisticsError('no median for empty data')
"""
TRACEBACK:
Traceback (most recent call last):
  File "class__exception_module_uncaught.py", line 5, in <module>
    raise StatisticsError('no median for empty data')
statistics.StatisticsError: no median for empty data
"""
