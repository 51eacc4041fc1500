"""A widely used 18-week novice marathon plan (Hal Higdon's Novice 1, as commonly
reproduced), typed in by hand as data: miles per run, Tuesday/Wednesday/Thursday easy runs
and the Saturday long run; week 8 ends with a half marathon on Sunday, week 18 with the
marathon."""

# (tue, wed, thu, long run, long run on Sunday instead of Saturday)
WEEKS: list[tuple[float, float, float, float, bool]] = [
    (3, 3, 3, 6, False),
    (3, 3, 3, 7, False),
    (3, 4, 3, 5, False),
    (3, 4, 3, 9, False),
    (3, 5, 3, 10, False),
    (3, 5, 3, 7, False),
    (3, 6, 3, 12, False),
    (3, 6, 3, 13.1, True),
    (3, 7, 4, 10, False),
    (3, 7, 4, 15, False),
    (4, 8, 4, 16, False),
    (4, 8, 5, 12, False),
    (4, 9, 5, 18, False),
    (5, 9, 5, 14, False),
    (5, 10, 5, 20, False),
    (5, 8, 4, 12, False),
    (4, 6, 3, 8, False),
    (3, 4, 2, 26.2, True),  # the marathon itself
]
