"""Small activity files built from scratch: a FIT activity, GPX, TCX and a Strava export.

    PYTHONPATH=src python -m tests.activity_fixtures

writes them to tests/data/activities/ (committed); the tests read those files and also
build variants of them on the fly. The week they describe is week 1 of the plan in
tests/test_activities.py (runs on Tuesday, Thursday, Saturday and Sunday, from 2026-01-05).
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

from garmin_fit_sdk import FIT_EPOCH_S, Encoder

ACTIVITIES = Path(__file__).resolve().parent / "data" / "activities"

#: Earth radius used to lay out GPX points (the mean radius; readers may differ by 0.1 %).
EARTH_M = 6_371_000.0

#: What each committed file holds: file name -> (local start, km, minutes).
EXPECTED = {
    "tuesday.fit": (dt.datetime(2026, 1, 6, 7, 30), 5.0, 31.0),
    "thursday.gpx": (dt.datetime(2026, 1, 8, 7, 0), 5.2, 32.0),
    "saturday.tcx": (dt.datetime(2026, 1, 10, 8, 15), 5.5, 34.0),
    "activities.csv": (dt.datetime(2026, 1, 11, 9, 0), 8.0, 52.0),
}


def fit_activity(
    start_utc: dt.datetime,
    km: float,
    minutes: float,
    *,
    utc_offset_hours: float = 0,
    sport: str = "running",
    records: int = 0,
) -> bytes:
    """A FIT activity with one session, as a watch writes it (times in UTC, and the local
    offset in the activity message's local_timestamp); ``records`` track points before it."""
    end = start_utc + dt.timedelta(minutes=minutes)
    fit_seconds = int(end.timestamp()) - FIT_EPOCH_S
    encoder = Encoder()
    encoder.write_mesg(
        {"mesg_num": 0, "type": "activity", "manufacturer": "development", "product": 1,
         "time_created": start_utc}
    )  # fmt: skip
    for i in range(records):
        encoder.write_mesg(
            {
                "mesg_num": 20,  # record
                "timestamp": start_utc + dt.timedelta(minutes=minutes * i / records),
                "distance": km * 1000 * i / records,
                "heart_rate": 140,
            }
        )
    encoder.write_mesg(
        {
            "mesg_num": 18,  # session
            "timestamp": end,
            "start_time": start_utc,
            "sport": sport,
            "total_elapsed_time": minutes * 60,
            "total_timer_time": minutes * 60,
            "total_distance": km * 1000,
        }
    )
    encoder.write_mesg(
        {
            "mesg_num": 34,  # activity
            "timestamp": end,
            "local_timestamp": fit_seconds + int(utc_offset_hours * 3600),
            "num_sessions": 1,
            "total_timer_time": minutes * 60,
        }
    )
    data: bytes = encoder.close()
    return data


def gpx_track(
    start_utc: dt.datetime | None,
    km: float,
    minutes: float,
    *,
    kind: str | None = "running",
    per_km: int = 10,
) -> str:
    """A GPX track due north from the equator, ``per_km`` points a kilometre; with
    ``start_utc`` None the points have no times."""
    count = max(2, round(km * per_km) + 1)
    step_deg = math.degrees(km * 1000 / (count - 1) / EARTH_M)
    points = []
    for i in range(count):
        time = ""
        if start_utc is not None:
            moment = start_utc + dt.timedelta(minutes=minutes * i / (count - 1))
            time = f"<time>{moment:%Y-%m-%dT%H:%M:%S}Z</time>"
        points.append(f'<trkpt lat="{i * step_deg:.7f}" lon="10.0">{time}</trkpt>')
    type_line = f"<type>{kind}</type>" if kind else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="runplan tests" xmlns="http://www.topografix.com/GPX/1/1">\n'
        f"<trk><name>Morning Run</name>{type_line}<trkseg>\n"
        + "\n".join(points)
        + "\n</trkseg></trk></gpx>\n"
    )


def tcx_activity(start_utc: dt.datetime, laps: list[tuple[float, float]], sport: str) -> str:
    """A TCX activity with laps of (km, minutes)."""
    body = []
    moment = start_utc
    for km, minutes in laps:
        body.append(
            f'<Lap StartTime="{moment:%Y-%m-%dT%H:%M:%S}Z"><TotalTimeSeconds>{minutes * 60:.1f}'
            f"</TotalTimeSeconds><DistanceMeters>{km * 1000:.1f}</DistanceMeters>"
            "<Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod></Lap>"
        )
        moment += dt.timedelta(minutes=minutes)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f'<Activities><Activity Sport="{sport}"><Id>{start_utc:%Y-%m-%dT%H:%M:%S}Z</Id>'
        + "".join(body)
        + "</Activity></Activities></TrainingCenterDatabase>\n"
    )


STRAVA_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,"
    "Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,"
    "Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed"
)


def strava_csv(rows: list[tuple[str, str, str, float, float]]) -> str:
    """A Strava bulk export's activities.csv for an athlete who counts in miles: rows of
    (Activity Date, name, type, km, minutes)."""
    lines = [STRAVA_HEADER]
    for number, (date, name, kind, km, minutes) in enumerate(rows, start=1):
        miles = km / 1.609344
        seconds = minutes * 60
        lines.append(
            f'{1000 + number},"{date}",{name},{kind},"Felt fine, legs ok",{seconds:.0f},'
            f"{miles:.2f},150,20,false,,Shoes,activities/{1000 + number}.fit.gz,,,"
            f"{seconds:.1f},{seconds:.1f},{km * 1000:.1f},3.9"
        )
    return "\n".join(lines) + "\n"


def committed() -> dict[str, bytes]:
    """The files in tests/data/activities/, by name (week 1 of the test plan, Berlin time)."""
    strava = strava_csv(
        [
            ("Jan 9, 2026, 4:00:00 PM", "Commute", "Ride", 12.0, 40.0),
            ("Jan 10, 2026, 5:00:00 PM", "Pool", "Swim", 1.5, 35.0),
            ("Jan 11, 2026, 8:00:00 AM", "Sunday long run", "Run", 8.0, 52.0),
            ("Jan 11, 2026, 2:00:00 PM", "Walk with the dog", "Walk", 3.0, 40.0),
        ]
    )
    return {
        "tuesday.fit": fit_activity(
            dt.datetime(2026, 1, 6, 6, 30, tzinfo=dt.UTC), 5.0, 31.0, utc_offset_hours=1
        ),
        "thursday.gpx": gpx_track(dt.datetime(2026, 1, 8, 6, 0), 5.2, 32.0).encode(),
        "saturday.tcx": tcx_activity(
            dt.datetime(2026, 1, 10, 7, 15), [(3.0, 18.0), (2.5, 16.0)], "Running"
        ).encode(),
        "activities.csv": strava.encode(),
    }


def main() -> None:
    ACTIVITIES.mkdir(parents=True, exist_ok=True)
    for name, data in committed().items():
        (ACTIVITIES / name).write_bytes(data)
        print(f"wrote tests/data/activities/{name}")


if __name__ == "__main__":
    main()
