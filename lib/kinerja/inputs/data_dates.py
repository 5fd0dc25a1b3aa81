"""The data date: how recent a download is. A register file's data date is the latest
`_event_date` of its rows (the LKPP datamart's date of each record), else the latest event its
rows record (the dataset's `events`: an announcement, a signed document, a handover; an award
date only on a finished process — never a planned date), never a date after today. It is kept per K/L/PD and fiscal year of the rows
(`file_data_dates`), and the store's data date of a K/L/PD-year is the latest of its loaded
files: what every report states as "data per …" and what decides whether a period is complete.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kinerja.core import fmt, parse
from kinerja.inputs import store
from kinerja.inputs.schema_base import Dataset

GROUP = ["kd_klpd", "tahun_anggaran"]
SINCE = 3  # register_files.version from which loaded files carry their data dates
STALE_DAYS = 30  # a file this much older than its K/L/PD-year's data date is flagged (stale)


def of_frame(frame: pd.DataFrame, ds: Dataset | None, today: dt.date | None = None) -> pd.DataFrame:
    """The data date of a raw file frame per K/L/PD and fiscal year (kd_klpd, tahun_anggaran,
    data_date, dated_by: '_event_date' or 'peristiwa'; rows without a code or a year form their
    own group; groups without a date left out)."""
    frame = frame.rename(columns=lambda c: str(c).strip().lower())
    frame = frame.loc[:, ~frame.columns.duplicated()]
    limit = pd.Timestamp(today or dt.date.today()) + pd.Timedelta(days=1)

    def latest(names: list[str], rows: pd.Series | None = None) -> pd.Series:
        dates = [parse.date(frame[n])[0] for n in names if n in frame.columns]
        if not dates:
            return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[us]")
        each = pd.concat(dates, axis=1)
        each = each.where(each < limit)
        if rows is not None:
            each = each.where(rows, axis=0)
        return each.max(axis=1).astype("datetime64[us]")

    aliases = {c.name: c.aliases for c in ds.columns} if ds is not None else {}
    named = lambda names: [n for e in names for n in (e, *aliases.get(e, ()))]
    when, dated_by = latest(["_event_date"]), "_event_date"
    if when.isna().all() and ds is not None:
        when, dated_by = latest(named(ds.events)), "peristiwa"
        if ds.finished_events and ds.finished_events[0] in frame:
            status, columns = ds.finished_events
            done = frame[status].astype("string").str.strip().str.lower().eq("selesai").fillna(False)
            when = pd.concat([when, latest(named(columns), done)], axis=1).max(axis=1).astype("datetime64[us]")
    given = {name: next((n for n in (name, *aliases.get(name, ())) if n in frame), None) for name in GROUP}
    klpd = (frame[given["kd_klpd"]].astype("string").str.strip().str.upper() if given["kd_klpd"]
            else pd.Series(pd.NA, index=frame.index, dtype="string"))
    year = (parse.integer(frame[given["tahun_anggaran"]])[0] if given["tahun_anggaran"]
            else pd.Series(pd.NA, index=frame.index, dtype="Int64"))
    groups = pd.DataFrame({"kd_klpd": klpd.where(~parse.blank(klpd)), "tahun_anggaran": year,
                           "data_date": when})
    out = groups.groupby(GROUP, dropna=False, as_index=False)["data_date"].max()
    return out[out["data_date"].notna()].assign(dated_by=dated_by).reset_index(drop=True)


def of_frames(frames) -> pd.DataFrame:
    """of_frame over several (frame, dataset) of one source (a gateway endpoint's contracts and
    their nested documents): the latest date per K/L/PD and year."""
    each = [of_frame(frame, ds) for frame, ds in frames]
    each = [d for d in each if len(d)]
    if not each:
        return pd.DataFrame(columns=[*GROUP, "data_date", "dated_by"])
    # '_event_date' sorts before 'peristiwa': a group dated by the datamart anywhere says so
    return (pd.concat(each, ignore_index=True).groupby(GROUP, dropna=False, as_index=False)
            .agg(data_date=("data_date", "max"), dated_by=("dated_by", "min")))


def record(con, digest: str, dates: pd.DataFrame) -> None:
    """Keep a loaded file's dates (of_frame) and its overall data date (register_files)."""
    con.execute("DELETE FROM file_data_dates WHERE sha256 = ?", [digest])
    if len(dates):
        con.register("dates", dates.assign(sha256=digest)[["sha256", *GROUP, "data_date", "dated_by"]])
        con.execute("INSERT INTO file_data_dates (sha256, kd_klpd, tahun_anggaran, data_date, dated_by) "
                    "SELECT * FROM dates")
        con.unregister("dates")
    con.execute("UPDATE register_files SET data_date = ? WHERE sha256 = ?",
                [dates["data_date"].max() if len(dates) else None, digest])


def for_klpd(con, kd_klpd: str | None = None, year: int | None = None) -> pd.Timestamp | None:
    """The store's data date for a K/L/PD-year: the latest data date of the loaded files holding
    its rows (rows without a K/L/PD code or a year count for every K/L/PD or year); None when
    no loaded file is dated."""
    row = store.fetch_one(
        con, "SELECT max(d.data_date) FROM file_data_dates d JOIN register_files f "
        "ON f.sha256 = d.sha256 WHERE coalesce(f.status, 'loaded') = 'loaded' "
        "AND (CAST(? AS VARCHAR) IS NULL OR d.kd_klpd IS NULL OR d.kd_klpd = upper(trim(?))) "
        "AND (CAST(? AS BIGINT) IS NULL OR d.tahun_anggaran IS NULL OR d.tahun_anggaran = ?)",
        [kd_klpd, kd_klpd, year, year])
    return pd.Timestamp(row[0]) if row and row[0] is not None else None


def stale(con, digest: str) -> str:
    """A note when a loaded file's data date is more than STALE_DAYS before the store's data
    date for a K/L/PD-year it holds (an old file mixed into a newer download); '' otherwise.
    Only a date the datamart gives (`_event_date`) says how old a file is: a file dated by its
    latest event may simply have had nothing later to record."""
    notes = []
    for klpd, year, date in con.execute("SELECT kd_klpd, tahun_anggaran, data_date FROM file_data_dates "
                                        "WHERE sha256 = ? AND dated_by = '_event_date' ORDER BY data_date",
                                        [digest]).fetchall():
        latest = for_klpd(con, klpd, year)
        if latest is not None and pd.Timestamp(date) < latest - pd.Timedelta(days=STALE_DAYS):
            group = " ".join(str(v) for v in (klpd, year) if v is not None)
            notes.append(f"data per {fmt.tanggal(date)}, lebih dari {STALE_DAYS} hari sebelum data per "
                         f"{fmt.tanggal(latest)}{f' ({group})' if group else ''}: berkas lama tercampur?")
    return notes[0] if notes else ""
