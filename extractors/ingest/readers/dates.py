"""Publication times in the forms news dumps use, parsed to timezone-aware UTC datetimes (stdlib only)."""

from __future__ import annotations

import datetime as dt
import email.utils
import math
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UTC = dt.UTC


def _zone(name: str, fallback_hours: int) -> dt.tzinfo:
    """A named zone (DST-aware) where tzdata is present, else its standard-time offset."""
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:
        return dt.timezone(dt.timedelta(hours=fallback_hours))


def _fixed(hours: float) -> dt.tzinfo:
    return dt.timezone(dt.timedelta(hours=hours))


# Unambiguous abbreviations only (IST, CST-as-China etc. are left out on purpose).
TZ_NAMES: dict[str, dt.tzinfo] = {
    "Z": UTC, "UT": UTC, "UTC": UTC, "GMT": UTC,
    "EST": _fixed(-5), "EDT": _fixed(-4), "CST": _fixed(-6), "CDT": _fixed(-5),
    "MST": _fixed(-7), "MDT": _fixed(-6), "PST": _fixed(-8), "PDT": _fixed(-7),
    "ET": _zone("America/New_York", -5), "CT": _zone("America/Chicago", -6),
    "MT": _zone("America/Denver", -7), "PT": _zone("America/Los_Angeles", -8),
    "BST": _fixed(1), "CET": _fixed(1), "CEST": _fixed(2), "EET": _fixed(2), "EEST": _fixed(3),
    "MSK": _fixed(3), "JST": _fixed(9), "KST": _fixed(9), "HKT": _fixed(8), "SGT": _fixed(8),
    "AEST": _fixed(10), "AEDT": _fixed(11),
}

_MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
_DATES = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%Y.%m.%d", "%Y-%m-%d")
_TIMES = ("", " %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p", " %I %p")
HUMAN_FORMATS = tuple(d + t for d in _DATES for t in _TIMES)

_EPOCH = re.compile(r"-?\d{9,}(?:\.\d+)?")  # 9+ digits: 1973 onwards in seconds
_RFC2822 = re.compile(
    r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s+(?:[+-]\d{4}|[A-Za-z]{1,5}))?"
)
_WEEKDAY = re.compile(r"(?i)(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+")
_MERIDIEM = re.compile(r"(?i)\b([ap])\.?m\.?(?=\s|$)")
_SEPT = re.compile(r"(?i)\bsept\b")
_ABBREV_DOT = re.compile(r"\b([A-Za-z]{3,4})\.")
_AT = re.compile(r"(?i)\s+at\s+")
_TZ_TAIL = re.compile(
    r"\s*(?:(?P<name>[A-Za-z]{1,5})|(?:UTC|GMT)?(?P<sign>[+-])(?P<hh>\d{1,2})(?::?(?P<mm>\d{2}))?)$"
)


def parse_published(value: object) -> dt.datetime | None:
    """A publication time as an aware datetime in the offset it was given in (UTC when it has none), or None
    when missing or not understood. Relative dates resolve against its local date; tables store it as UTC.

    Accepts datetimes/dates, epoch seconds or milliseconds (numbers or digit strings), ISO 8601
    (offsets, ``Z``, naive = UTC), RFC 2822, and common human forms ("Nov 10, 2016 3:04 PM EST").
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return _aware(value)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, int | float):
        return _from_epoch(value)
    if hasattr(value, "to_pydatetime"):  # pandas.Timestamp from Arrow ns columns
        return _aware(value.to_pydatetime())
    if isinstance(value, str):
        return _parse_text(value)
    return None


def _aware(value: dt.datetime) -> dt.datetime:
    """The time in its own offset (its calendar date is the article's local publication date); naive = UTC."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=UTC)
    return value


def _from_epoch(value: float) -> dt.datetime | None:
    """Epoch seconds, or milli/micro/nanoseconds told apart by magnitude."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    for scale in (1, 1_000, 1_000_000, 1_000_000_000):
        if abs(value) < 1e11 * scale:
            try:
                return dt.datetime.fromtimestamp(value / scale, UTC)
            except (OverflowError, OSError, ValueError):
                return None
    return None


def _parse_text(text: str) -> dt.datetime | None:
    text = text.strip()
    if _EPOCH.fullmatch(text):
        return _from_epoch(float(text) if "." in text else int(text))
    try:
        return _aware(dt.datetime.fromisoformat(text))
    except ValueError:
        pass
    text = " ".join(text.split())
    if _RFC2822.fullmatch(text):
        try:
            return _aware(email.utils.parsedate_to_datetime(text))
        except (TypeError, ValueError, IndexError):
            pass
    return _parse_human(text)


def _parse_human(text: str) -> dt.datetime | None:
    """Month-name and slash forms, with an optional trailing zone name or numeric offset."""
    text = _WEEKDAY.sub("", text, count=1) if _WEEKDAY.match(text) else text
    text = _MERIDIEM.sub(lambda m: m.group(1).upper() + "M", text)
    text = _AT.sub(" ", _ABBREV_DOT.sub(r"\1", _SEPT.sub("Sep", text))).replace(",", " ")
    text = " ".join(text.split())
    text, tz = _split_zone(text)
    if text is None:
        return None
    try:
        return _attach(dt.datetime.fromisoformat(text), tz)
    except ValueError:
        pass
    for fmt in HUMAN_FORMATS:
        try:
            return _attach(dt.datetime.strptime(text, fmt), tz)
        except ValueError:
            continue
    return None


def _split_zone(text: str) -> tuple[str | None, dt.tzinfo | None]:
    """Split a trailing zone off; (None, None) when it is a zone name we do not know."""
    match = _TZ_TAIL.search(text)
    if match is None or match.start() == 0:
        return text, None
    name = match.group("name")
    if name is not None:
        upper = name.upper()
        if upper in ("AM", "PM") or upper[:3].title() in _MONTHS:
            return text, None
        zone = TZ_NAMES.get(upper)
        return (text[: match.start()], zone) if zone is not None else (None, None)
    if ":" not in text[: match.start()]:  # "2016-11-10" ends in "-10": a date, not an offset
        return text, None
    minutes = int(match.group("hh")) * 60 + int(match.group("mm") or 0)
    sign = -1 if match.group("sign") == "-" else 1
    return text[: match.start()], dt.timezone(dt.timedelta(minutes=sign * minutes))


def _attach(value: dt.datetime, tz: dt.tzinfo | None) -> dt.datetime:
    if tz is not None and value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return _aware(value)


_NAME_DATE = re.compile(r"(?<!\d)((?:1[89]|2\d)\d\d)([-_.])(\d\d)\2(\d\d)(?!\d)")


def date_from_name(path: str) -> dt.datetime | None:
    """Midnight UTC of a ``YYYY-MM-DD`` (or ``_``/``.`` separated) date in a file's base name."""
    name = path.rstrip("/").rsplit("/", 1)[-1]
    for match in _NAME_DATE.finditer(name):
        try:
            return dt.datetime(int(match[1]), int(match[3]), int(match[4]), tzinfo=UTC)
        except ValueError:
            continue
    return None
