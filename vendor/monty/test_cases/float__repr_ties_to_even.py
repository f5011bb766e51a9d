# A float halfway between two shortest renderings prints the even one, as CPython's repr does.
assert repr(687748317385870.25) == '687748317385870.2', repr(687748317385870.25)
assert str(687748317385870.75) == '687748317385870.8', str(687748317385870.75)
assert repr(-1170935629576126.25) == '-1170935629576126.2'
assert f'{366728125283072.25}' == '366728125283072.25'
assert f'{2093853491055697.25}' == '2093853491055697.2'
assert repr([2093853491055697.25]) == '[2093853491055697.2]'
# Odd shortest digits that are no tie stay as they are.
assert repr(0.1) == '0.1'
assert repr(1 / 3) == '0.3333333333333333'
assert repr(123456789012345.67) == '123456789012345.67'
assert repr(5e-324) == '5e-324'
assert repr(1e16 + 2) == '1.0000000000000002e+16'
assert repr(2.5) == '2.5'
import json
assert json.dumps([687748317385870.25, 0.1, -0.0, 1e16, 1e-5]) == '[687748317385870.2, 0.1, -0.0, 1e+16, 1e-05]'
