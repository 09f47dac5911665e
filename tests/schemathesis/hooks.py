"""Schemathesis hooks for the mock API (loaded through SCHEMATHESIS_HOOKS).

A valid `latency_ms` or `jitter_ms` may ask for up to 10 s each, and the
coverage phase asks for the boundaries on purpose: hundreds of those would
take an hour. Valid values are mapped to valid values of a few milliseconds
(the server still parses and applies them); invalid ones are left alone, so
negative tests keep their meaning. `map_case` runs in every phase.
"""

import schemathesis

DELAYS = ("latency_ms", "jitter_ms")
MAX_DELAY_MS = 10_000
KEPT_MS = 20


def shortened(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and 0 <= value <= MAX_DELAY_MS:
        return value % KEPT_MS
    if isinstance(value, str) and value.isascii() and value.isdigit() and int(value) <= MAX_DELAY_MS:
        return str(int(value) % KEPT_MS)
    return value


@schemathesis.hook
def map_case(context, case):
    if case.query:
        for name in DELAYS:
            if name in case.query:
                case.query[name] = shortened(case.query[name])
    return case
