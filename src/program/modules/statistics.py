# statistics, as CPython 3.11's: its averages and measures of spread, computed as CPython
# computes them. A mean, a variance or a standard deviation is exact: each value is taken as
# its exact ratio of integers (a float's binary fraction), summed and divided as fractions,
# then rounded once, so `mean([0.1, 0.2, 0.3])` is 0.2 as there (the float sum's mean is
# 0.20000000000000004) and `stdev` is the correctly rounded root. Fed after the prelude to a
# program that names the module (src/program/mod.rs); at the top level, so that its functions
# travel to a worker process by name (`_pg_module_function`), as pickle sends CPython's.


def _pg_statistics_build():
    class StatisticsError(ValueError):
        __module__ = 'statistics'

    def reduced(n, d):
        # The fraction n/d in lowest terms, its denominator positive.
        if d < 0:
            n, d = -n, -d
        g = _pg_math.gcd(n, d)
        return (n // g, d // g)

    def add(a, b):
        return reduced(a[0] * b[1] + b[0] * a[1], a[1] * b[1])

    def mul(a, b):
        return reduced(a[0] * b[0], a[1] * b[1])

    def divided(a, k):
        # `a / k` for a fraction, or for an infinity or a NaN (the value itself).
        if type(a) is not tuple:
            return a / k
        if type(k) is tuple:
            return reduced(a[0] * k[1], a[1] * k[0])
        return reduced(a[0], a[1] * k)

    def exact_ratio(x):
        # `x` as (numerator, denominator), exactly; (x, None) for an infinity or a NaN.
        if isinstance(x, float) and not _pg_math.isfinite(x):
            return (x, None)
        if hasattr(x, 'as_integer_ratio'):
            return x.as_integer_ratio()
        if hasattr(x, 'numerator') and hasattr(x, 'denominator'):
            return (x.numerator, x.denominator)
        raise TypeError("can't convert type '" + type(x).__name__ + "' to numerator/denominator")

    def coerce(T, S):
        # The type a result of values of types T and S is given, as CPython's `_coerce`.
        if T is S:
            return T
        if S is int or S is bool:
            return T
        if T is int:
            return S
        if issubclass(S, T):
            return S
        if issubclass(T, S):
            return T
        if issubclass(T, int):
            return S
        if issubclass(S, int):
            return T
        raise TypeError("don't know how to coerce " + T.__name__ + ' and ' + S.__name__)

    def result_type(types):
        T = int
        for typ in types:
            T = coerce(T, typ)
        return T

    def partial_sums(partials):
        # The exact sum of {denominator: numerator sum}, or the float sum of the non-finite.
        if None in partials:
            return partials[None]
        total = (0, 1)
        for d in partials:
            total = add(total, (partials[d], d))
        return total

    def exact_sum(data):
        # (the type of the result, the exact sum, the count), as CPython's `_sum`.
        count = 0
        types = []
        partials = {}
        for x in data:
            typ = type(x)
            if typ not in types:
                types.append(typ)
            n, d = exact_ratio(x)
            count += 1
            partials[d] = partials.get(d, 0) + n
        return (result_type(types), partial_sums(partials), count)

    def sum_of_squares(data, c=None):
        # (type, sum of squared deviations, mean, count), as CPython's `_ss`, in one pass.
        if c is not None:
            deviations = []
            for x in data:
                d = x - c
                deviations.append(d * d)
            T, ssd, count = exact_sum(deviations)
            return (T, ssd, c, count)
        count = 0
        types = []
        sx_partials = {}
        sxx_partials = {}
        for x in data:
            typ = type(x)
            if typ not in types:
                types.append(typ)
            n, d = exact_ratio(x)
            count += 1
            sx_partials[d] = sx_partials.get(d, 0) + n
            sxx_partials[d] = sxx_partials.get(d, 0) + n * n
        if not count:
            ssd = c = (0, 1)
        elif None in sx_partials:
            ssd = c = sx_partials[None]
        else:
            sx = partial_sums(sx_partials)
            sxx = (0, 1)
            for d in sxx_partials:
                sxx = add(sxx, (sxx_partials[d], d * d))
            ssd = divided(add(mul((count, 1), sxx), mul((-sx[0], sx[1]), sx)), count)
            c = divided(sx, count)
        return (result_type(types), ssd, c, count)

    def convert(value, T):
        # An exact result given the data's type: an int where it is whole and the data ints.
        if type(value) is not tuple:
            return value if type(value) is T else T(value)
        n, d = value
        if issubclass(T, int):
            if d == 1:
                return T(n)
            T = float
        if T is float:
            return n / d
        return T(n) / T(d)

    def sqrt_of_fraction(value, T):
        # The correctly rounded square root of an exact fraction, as CPython's
        # `_float_sqrt_of_frac` (round-to-odd on an integer root with enough bits).
        if type(value) is not tuple:
            raise AttributeError("'" + type(value).__name__ + "' object has no attribute 'numerator'")
        n, m = value
        if not issubclass(T, int) and T is not float:
            return (T(n) / T(m)).sqrt()
        q = (n.bit_length() - m.bit_length() - 109) // 2
        if q >= 0:
            a = _pg_math.isqrt(n // (m << 2 * q))
            numerator = (a | (a * a * (m << 2 * q) != n)) << q
            denominator = 1
        else:
            a = _pg_math.isqrt((n << -2 * q) // m)
            numerator = a | (a * a * m != n << -2 * q)
            denominator = 1 << -q
        return numerator / denominator

    def mean(data):
        T, total, n = exact_sum(data)
        if n < 1:
            raise StatisticsError('mean requires at least one data point')
        return convert(divided(total, n), T)

    def fmean(data, weights=None):
        if weights is None:
            values = list(data)
            if not values:
                raise StatisticsError('fmean requires at least one data point')
            return _pg_math.fsum(values) / len(values)
        values = list(data)
        weights = list(weights)
        num = _pg_math.fsum([x * w for x, w in zip(values, weights)])
        if len(values) != len(weights):
            raise StatisticsError('data and weights must be the same length')
        den = _pg_math.fsum(weights)
        if not den:
            raise StatisticsError('sum of weights must be non-zero')
        return num / den

    def geometric_mean(data):
        try:
            return _pg_math.exp(fmean([_pg_math.log(x) for x in data]))
        except ValueError:
            raise StatisticsError(
                'geometric mean requires a non-empty dataset containing positive numbers') from None

    def harmonic_mean(data, weights=None):
        if iter(data) is data:
            data = list(data)
        errmsg = 'harmonic mean does not support negative values'
        n = len(data)
        if n < 1:
            raise StatisticsError('harmonic_mean requires at least one data point')
        elif n == 1 and weights is None:
            x = data[0]
            if isinstance(x, (int, float)):
                if x < 0:
                    raise StatisticsError(errmsg)
                return x
            raise TypeError('unsupported type')
        if weights is None:
            weights = [1] * n
            sum_weights = (n, 1)
        else:
            if iter(weights) is weights:
                weights = list(weights)
            if len(weights) != n:
                raise StatisticsError('Number of weights does not match data size')
            for w in weights:
                if w < 0:
                    raise StatisticsError(errmsg)
            sum_weights = exact_sum(weights)[1]
        terms = []
        try:
            for w, x in zip(weights, data):
                if x < 0:
                    raise StatisticsError(errmsg)
                terms.append(w / x if w else 0)
        except ZeroDivisionError:
            return 0
        T, total, count = exact_sum(terms)
        if type(total) is not tuple:
            if total <= 0:
                raise StatisticsError('Weighted sum must be positive')
            return convert(float(sum_weights[0]) / sum_weights[1] / total, T)
        if total[0] <= 0:
            raise StatisticsError('Weighted sum must be positive')
        return convert(divided(sum_weights, total), T)

    def median(data):
        data = sorted(data)
        n = len(data)
        if n == 0:
            raise StatisticsError('no median for empty data')
        if n % 2 == 1:
            return data[n // 2]
        i = n // 2
        return (data[i - 1] + data[i]) / 2

    def median_low(data):
        data = sorted(data)
        n = len(data)
        if n == 0:
            raise StatisticsError('no median for empty data')
        if n % 2 == 1:
            return data[n // 2]
        return data[n // 2 - 1]

    def median_high(data):
        data = sorted(data)
        n = len(data)
        if n == 0:
            raise StatisticsError('no median for empty data')
        return data[n // 2]

    def median_grouped(data, interval=1.0):
        data = sorted(data)
        n = len(data)
        if not n:
            raise StatisticsError('no median for empty data')
        x = data[n // 2]
        i = n // 2
        while i > 0 and data[i - 1] == x:
            i -= 1
        j = n // 2
        while j < n and data[j] == x:
            j += 1
        try:
            interval = float(interval)
            x = float(x)
        except ValueError:
            raise TypeError('Value cannot be converted to a float')
        return x - interval / 2.0 + interval * (n / 2 - i) / (j - i)

    def counted(data):
        counts = {}
        for x in data:
            counts[x] = counts.get(x, 0) + 1
        return counts

    def mode(data):
        counts = counted(data)
        if not counts:
            raise StatisticsError('no mode for empty data')
        best = None
        most = 0
        for value in counts:
            if counts[value] > most:
                best = value
                most = counts[value]
        return best

    def multimode(data):
        counts = counted(data)
        if not counts:
            return []
        most = max(counts.values())
        return [value for value in counts if counts[value] == most]

    def quantiles(data, *, n=4, method='exclusive'):
        if n < 1:
            raise StatisticsError('n must be at least 1')
        data = sorted(data)
        ld = len(data)
        if ld < 2:
            raise StatisticsError('must have at least two data points')
        result = []
        if method == 'inclusive':
            m = ld - 1
            for i in range(1, n):
                j, delta = divmod(i * m, n)
                result.append((data[j] * (n - delta) + data[j + 1] * delta) / n)
            return result
        if method == 'exclusive':
            m = ld + 1
            for i in range(1, n):
                j = i * m // n
                j = 1 if j < 1 else ld - 1 if j > ld - 1 else j
                delta = i * m - j * n
                result.append((data[j - 1] * (n - delta) + data[j] * delta) / n)
            return result
        raise ValueError('Unknown method: ' + repr(method))

    def variance(data, xbar=None):
        T, ss, c, n = sum_of_squares(data, xbar)
        if n < 2:
            raise StatisticsError('variance requires at least two data points')
        return convert(divided(ss, n - 1), T)

    def pvariance(data, mu=None):
        T, ss, c, n = sum_of_squares(data, mu)
        if n < 1:
            raise StatisticsError('pvariance requires at least one data point')
        return convert(divided(ss, n), T)

    def stdev(data, xbar=None):
        T, ss, c, n = sum_of_squares(data, xbar)
        if n < 2:
            raise StatisticsError('stdev requires at least two data points')
        return sqrt_of_fraction(divided(ss, n - 1), T)

    def pstdev(data, mu=None):
        T, ss, c, n = sum_of_squares(data, mu)
        if n < 1:
            raise StatisticsError('pstdev requires at least one data point')
        return sqrt_of_fraction(divided(ss, n), T)

    return {
        'StatisticsError': StatisticsError,
        'mean': mean,
        'fmean': fmean,
        'geometric_mean': geometric_mean,
        'harmonic_mean': harmonic_mean,
        'median': median,
        'median_low': median_low,
        'median_high': median_high,
        'median_grouped': median_grouped,
        'mode': mode,
        'multimode': multimode,
        'quantiles': quantiles,
        'variance': variance,
        'pvariance': pvariance,
        'stdev': stdev,
        'pstdev': pstdev,
    }


_pg_statistics = _pg_provide('statistics', _pg_statistics_build())
