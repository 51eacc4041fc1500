"""Activity files a watch or Strava writes, read into training-log rows: runs only.

Readers for a FIT activity (Garmin's FIT SDK), GPX (defusedxml, distances by gpxpy),
TCX (defusedxml: no entity expansion, no external references) and a Strava bulk export's
``activities.csv``. Each returns plain rows (mappings) that ``TrainingLog.from_rows``
validates: ``session: run``, ``status: done``, the distance in km (from metres), the
minutes, and the date of the start (local where the file records local time, else in the
``zone`` given, else in UTC). Nothing here opens any file but the one it was given.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zoneinfo
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from ._read import read_bytes, read_text
from .errors import PlanError

__all__ = [
    "ACTIVITY_SUFFIXES",
    "is_activity_file",
    "is_strava_export",
    "read_activity_file",
    "strava_export_rows",
]

#: File endings read as activities (plus a Strava export's ``activities.csv``).
ACTIVITY_SUFFIXES = (".fit", ".gpx", ".tcx")

#: The most runplan reads of one activity file: a day's run at one point a second is ~2 MB.
MAX_BYTES = 64 * 1024 * 1024

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_TCX = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"
_STRAVA_DATE = re.compile(
    r"^([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2}):(\d{2})\s?([AaPp][Mm])$"
)
# Strava's own activity type codes in GPX <type>: 9 is a run.
_GPX_RUN_TYPES = ("9",)

Row = dict[str, Any]


def is_activity_file(path: Path) -> bool:
    """True for a file runplan reads as activities: .fit, .gpx, .tcx or activities.csv."""
    return path.suffix.lower() in ACTIVITY_SUFFIXES or path.name.lower() == "activities.csv"


def is_strava_export(text: str) -> bool:
    """True when a CSV's header is a Strava bulk export's (it has Activity Date and Type)."""
    header = next(csv.reader(io.StringIO(text)), [])
    return "Activity Date" in header and "Activity Type" in header


def read_activity_file(path: Path, zone: zoneinfo.ZoneInfo | None = None) -> list[Row]:
    """The runs in one activity file, as training-log rows.

    Parameters:
        path: a .fit activity, .gpx, .tcx, or a Strava ``activities.csv``.
        zone: the runner's time zone, for files that record only UTC (GPX, TCX, Strava).

    Raises:
        PlanError: the file is missing or not what its name says; the message names the
            file and what is wrong with it.
    """
    suffix = path.suffix.lower()
    if suffix == ".fit":
        return _fit_rows(path, _read_bytes(path))
    if suffix == ".gpx":
        return _gpx_rows(path, read_text(path, PlanError, "activity"), zone)
    if suffix == ".tcx":
        return _tcx_rows(path, read_text(path, PlanError, "activity"), zone)
    return strava_export_rows(path, read_text(path, PlanError, "activity"), zone)


def strava_export_rows(path: Path, text: str, zone: zoneinfo.ZoneInfo | None) -> list[Row]:
    """The runs of a Strava ``activities.csv`` already read as ``text``.

    Raises:
        PlanError: the text is not a Strava export (its header lacks the columns).
    """
    if not is_strava_export(text):
        raise PlanError(
            f"The activity file {path} is not a Strava export: its header has no "
            "'Activity Date' and 'Activity Type' columns."
        )
    return strava_rows(path, text, zone)


def _read_bytes(path: Path) -> bytes:
    # The shared reader opens without blocking and refuses FIFOs, devices and big files.
    return read_bytes(path, PlanError, "activity", MAX_BYTES)


def _shown(text: str) -> str:
    """A value quoted for an error message, cut short so that the message stays one line."""
    text = " ".join(text.split())
    return repr(text if len(text) <= 40 else text[:39] + "\u2026")


def _row(start: dt.date, metres: float, seconds: float | None, note: str) -> Row:
    row: Row = {
        "date": start,
        "session": "run",
        "status": "done",
        "distance": round(metres / 1000, 3),
        "unit": "km",
        "note": note,
    }
    if seconds:
        row["minutes"] = round(seconds / 60, 1)
    return row


def _local_date(path: Path, moment: dt.datetime, zone: zoneinfo.ZoneInfo | None) -> dt.date:
    """The day a run started: in its own offset when the file gives one other than UTC,
    else in ``zone`` (the runner's), else in UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    if moment.utcoffset() == dt.timedelta(0) and zone is not None:
        try:
            moment = moment.astimezone(zone)
        except OverflowError:  # a start at the very end of year 9999
            raise PlanError(
                f"The activity file {path} has a start time {moment:%Y-%m-%d} that runplan "
                "cannot place in a calendar."
            ) from None
    return moment.date()


# ---------------------------------------------------------------------- FIT


def _fit_rows(path: Path, data: bytes) -> list[Row]:
    from garmin_fit_sdk import Decoder, Stream  # only for FIT files: a large profile

    decoder = Decoder(Stream.from_byte_array(bytearray(data)))
    if not decoder.is_fit():
        raise PlanError(f"The activity file {path} is not a FIT file.")
    messages, errors = decoder.read()  # checks the CRC as it goes
    if errors:
        problem = str(errors[0]).rstrip(".")
        raise PlanError(f"The activity file {path} is damaged or cut short ({problem}).")
    file_ids = messages.get("file_id_mesgs") or [{}]
    kind = file_ids[0].get("type")
    if kind != "activity":
        raise PlanError(
            f"The FIT file {path} is a {kind or 'untyped'} file, not an activity; runplan reads "
            "the activity files a watch records."
        )
    # A watch stores times in UTC; the activity message's local_timestamp gives the offset.
    offset = dt.timedelta(0)
    for activity in messages.get("activity_mesgs", []):
        stamp, local = activity.get("timestamp"), activity.get("local_timestamp")
        if isinstance(stamp, dt.datetime) and isinstance(local, int):
            utc_seconds = (stamp - dt.datetime(1989, 12, 31, tzinfo=dt.UTC)).total_seconds()
            offset = dt.timedelta(seconds=local - utc_seconds)
    rows = []
    for session in messages.get("session_mesgs", []):
        if session.get("sport") != "running":
            continue
        start = session.get("start_time")
        if not isinstance(start, dt.datetime):
            raise PlanError(f"The activity file {path} has a run with no start time.")
        metres = float(session.get("total_distance") or 0.0)
        seconds = session.get("total_timer_time") or session.get("total_elapsed_time")
        day = (start + offset).date()
        rows.append(_row(day, metres, seconds, f"from {path.name}"))
    return rows


# ---------------------------------------------------------------------- GPX and TCX


def _safe_xml(path: Path, text: str) -> Element:
    """Parse XML with no entity expansion, DTD-declared entity or external reference."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root: Element = fromstring(text.encode("utf-8"), forbid_dtd=False)
    except DefusedXmlException:
        raise PlanError(
            f"The activity file {path} declares XML entities or external references, "
            "which runplan refuses to expand."
        ) from None
    except ParseError as exc:
        raise PlanError(f"The activity file {path} is not valid XML: {exc}.") from None
    return root


def _is_run_type(kind: str | None) -> bool:
    if not kind:
        return True  # a track that does not say: the runner named the file
    kind = kind.strip().lower()
    return "run" in kind or kind in _GPX_RUN_TYPES


def _gpx_rows(path: Path, text: str, zone: zoneinfo.ZoneInfo | None) -> list[Row]:
    """The runs in a GPX file. The XML is parsed once, safely; distances are gpxpy's own
    (``gpxpy.geo.distance``, summed within each segment as its ``length_2d`` does), without
    building gpxpy's object model, which takes about 30 times longer."""
    from gpxpy.geo import distance

    root = _safe_xml(path, text)
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    if root.tag != f"{ns}gpx":
        raise PlanError(f"The activity file {path} is not a GPX file (its root is not <gpx>).")
    tracks = root.findall(f"{ns}trk")
    if not tracks:
        raise PlanError(f"The activity file {path} has no track (<trk>) to read a run from.")
    rows = []
    for track in tracks:
        if not _is_run_type(track.findtext(f"{ns}type")):
            continue
        metres = 0.0
        first: str | None = None
        last: str | None = None
        for segment in track.findall(f"{ns}trkseg"):
            previous: tuple[float, float] | None = None
            for point in segment.findall(f"{ns}trkpt"):
                here = _lat_lon(path, point)
                if previous is not None:
                    metres += distance(previous[0], previous[1], None, here[0], here[1], None)
                previous = here
                moment = point.findtext(f"{ns}time")
                if moment:
                    first, last = first or moment, moment
        if first is None or last is None:
            raise PlanError(
                f"The activity file {path} has no timestamps on its track points, so the day "
                "and time of the run are unknown."
            )
        start, end = _parse_time(path, first), _parse_time(path, last)
        seconds = (end - start).total_seconds()
        name = (track.findtext(f"{ns}name") or "").strip()
        note = f"{name} (from {path.name})" if name else f"from {path.name}"
        rows.append(_row(_local_date(path, start, zone), metres, seconds, note))
    return rows


def _lat_lon(path: Path, point: Element) -> tuple[float, float]:
    """A track point's latitude and longitude, checked: gpxpy's distance raises a bare
    ValueError on an infinite one and counts a NaN as NaN metres."""
    try:
        lat, lon = float(point.get("lat", "")), float(point.get("lon", ""))
    except ValueError:
        lat = lon = math.nan
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise PlanError(
            f"The activity file {path} has a track point without a valid lat (-90 to 90) "
            "and lon (-180 to 180)."
        )
    return lat, lon


def _parse_time(path: Path, text: str | None) -> dt.datetime:
    """An ISO time; one without an offset is taken as UTC, as GPX and TCX times are."""
    if not text or not text.strip():
        raise PlanError(f"The activity file {path} has a run with no start time.")
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise PlanError(
            f"The activity file {path} has a time {_shown(text)} that is not an ISO time."
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _number(path: Path, element: Element, name: str) -> float:
    child = element.find(f"{_TCX}{name}")
    if child is None or child.text is None:
        return 0.0
    try:
        return float(child.text)
    except ValueError:
        raise PlanError(
            f"The activity file {path} has {name} {_shown(child.text)}, which is not a number."
        ) from None


def _tcx_rows(path: Path, text: str, zone: zoneinfo.ZoneInfo | None) -> list[Row]:
    root = _safe_xml(path, text)
    if root.tag != f"{_TCX}TrainingCenterDatabase":
        raise PlanError(f"The activity file {path} is not a TCX file (Garmin TrainingCenter).")
    activities = root.findall(f"{_TCX}Activities/{_TCX}Activity")
    if not activities:
        raise PlanError(f"The activity file {path} holds no activity.")
    rows = []
    for activity in activities:
        if activity.get("Sport", "").lower() != "running":
            continue
        laps = activity.findall(f"{_TCX}Lap")
        if not laps:
            raise PlanError(f"The activity file {path} has a run with no laps.")
        ident = activity.find(f"{_TCX}Id")
        start = _parse_time(
            path, laps[0].get("StartTime") or (ident.text if ident is not None else None)
        )
        metres = sum(_number(path, lap, "DistanceMeters") for lap in laps)
        seconds = sum(_number(path, lap, "TotalTimeSeconds") for lap in laps)
        rows.append(_row(_local_date(path, start, zone), metres, seconds, f"from {path.name}"))
    return rows


# ---------------------------------------------------------------------- Strava


def _strava_date(path: Path, number: int, text: str) -> dt.datetime:
    """ "Jan 12, 2027, 7:02:11 AM" (UTC) as a datetime; month names in English whatever
    the locale, which strptime's %b would follow."""
    match = _STRAVA_DATE.match(text.strip())
    month = match and match.group(1).lower()
    if match is None or month not in _MONTHS:
        raise PlanError(
            f"Row {number} of the Strava export {path} has an Activity Date {_shown(text)} that is "
            "not like 'Jan 12, 2027, 7:02:11 AM'."
        )
    _, day, year, hour, minute, second, half = match.groups()
    if not 1 <= int(hour) <= 12:
        raise PlanError(
            f"Row {number} of the Strava export {path} has an Activity Date {_shown(text)} whose "
            "hour is not 1 to 12 before its AM or PM."
        )
    hour24 = int(hour) % 12 + (12 if half.lower() == "pm" else 0)
    try:
        return dt.datetime(
            int(year), _MONTHS.index(month) + 1, int(day), hour24, int(minute), int(second),
            tzinfo=dt.UTC,
        )  # fmt: skip
    except ValueError:
        raise PlanError(
            f"Row {number} of the Strava export {path} has an Activity Date {_shown(text)} that "
            "does not exist."
        ) from None


def _strava_number(path: Path, number: int, column: str, text: str) -> float:
    try:
        return float(text.replace(",", "")) if text.strip() else 0.0
    except ValueError:
        raise PlanError(
            f"Row {number} of the Strava export {path} has {column} {_shown(text)}, which is not a "
            "number."
        ) from None


def strava_rows(path: Path, text: str, zone: zoneinfo.ZoneInfo | None) -> list[Row]:
    """The runs in a Strava bulk export's ``activities.csv``.

    Its header names ``Distance`` twice: first in the athlete's unit (which the file does
    not state), then in metres; only the second is used. Rides, swims, walks and hikes are
    left out: a run is an Activity Type with "Run" in it (Run, Trail Run, Virtual Run).
    """
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    distances = [i for i, h in enumerate(header) if h == "Distance"]
    if len(distances) < 2:
        raise PlanError(
            f"The Strava export {path} has no second 'Distance' column (the one in metres); "
            "runplan reads the activities.csv of a Strava bulk export unchanged."
        )
    when, kind, metres_at = (
        header.index("Activity Date"),
        header.index("Activity Type"),
        distances[1],
    )
    name_at = header.index("Activity Name") if "Activity Name" in header else None
    time_at = next((header.index(h) for h in ("Moving Time", "Elapsed Time") if h in header), None)
    rows = []
    for number, values in enumerate(reader, start=1):
        if not values:
            continue
        if len(values) < len(header):
            raise PlanError(
                f"Row {number} of the Strava export {path} has {len(values)} values for "
                f"{len(header)} columns."
            )
        if "run" not in values[kind].lower():
            continue
        start = _strava_date(path, number, values[when])
        metres = _strava_number(path, number, "Distance", values[metres_at])
        seconds = (
            _strava_number(path, number, "time", values[time_at]) if time_at is not None else None
        )
        name = values[name_at].strip() if name_at is not None else ""
        note = f"{name} (Strava)" if name else "from Strava"
        rows.append(_row(_local_date(path, start, zone), metres, seconds, note))
    return rows
