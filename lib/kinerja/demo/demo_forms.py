"""Demo filled Survei Teknis forms (F4, F5, F8) for the four quarters of a year, as the
collection team receives them: most respondents answer on time and correctly; a few do not.

Written with the real form writer (so they are read back by the real intake) into
`<out>/<year>-TW<q>/`, each file's modification time set to its simulated arrival in the
quarter's collection month (the intake's received time). Deliberate problems, each once:

  kind            where                         what the intake says
  rentang         F5, TW1                       score 4 outside 1–3
  tipe            F5, TW1                       'tiga' in a score cell
  wajib           F8, TW1                       jumlah sanggahan left blank
  rujukan         F5, TW2                       a package code not in the register
  ganda           F8, TW2                       a package row copied twice
  wajib (aturan)  F4, TW2                       Terkendala without kendala
  wajib           F5, TW3                       one aspect blank, the others scored
  rumus           F5, TW3                       a formula (=1+2) in a score cell
  berkas          F4, TW3                       a broken file (truncated download)
  aturan          F8, TW4                       award date before announcement
  terlambat       all forms of one respondent   received after the deadline (TW4)
  tidak masuk     two respondents per quarter   no form at all

Deterministic for a seed: the same arguments give byte-identical files (zip member times and
document properties are set to the simulated arrival time).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.core.config import Parameters
from kinerja.core.periods import Period, deadline
from kinerja.formulir import respondents, writer
from kinerja.inputs import form_contracts as c

MISSING_PER_QUARTER = 2
_CATATAN_F5 = ["Pekerjaan diserahterimakan sesuai jadwal.", "Perlu perbaikan minor saat serah terima.",
               "Koordinasi lapangan baik.", "Dokumen penagihan lambat dilengkapi."]
_BUKTI = ["Notula rapat koordinasi", "Surat edaran kepala biro", "Laporan kegiatan triwulan",
          "Daftar hadir dan bahan paparan", "Tangkapan layar SPSE", "Berita acara reviu"]
_KENDALA = ["Jadwal narasumber belum tersedia", "Anggaran kegiatan belum dicairkan",
            "Menunggu data dari perangkat daerah", "Keterbatasan personel Pokja"]
_STATUS_P = {1: (.40, .50, .00, .10), 2: (.15, .60, .15, .10), 3: (.00, .50, .40, .10),
             4: (.00, .20, .75, .05)}  # Belum dimulai, Berjalan, Selesai, Terkendala


@dataclass
class DemoForms:
    files: list[Path] = field(default_factory=list)
    mistakes: list[dict] = field(default_factory=list)     # period, file, kind, sheet, row, column
    missing: list[dict] = field(default_factory=list)      # period, jenis_responden, kode_responden
    late: list[dict] = field(default_factory=list)         # period, kode_responden, received


def _scores(rng, n: int) -> pd.DataFrame:
    grid = rng.choice([3, 2, 1], size=(n, 4), p=[.55, .35, .10])
    out = pd.DataFrame(grid, columns=["kualitas", "biaya", "waktu", "layanan"]).astype(object)
    scored = rng.random(n) < .88                 # the rest: contract not finished, left blank
    putus = scored & (rng.random(n) < .015)
    out.loc[~scored | putus, :] = None
    out["putus_kontrak"] = np.where(putus, "Ya", None)
    notes = scored & (rng.random(n) < .2)
    out["catatan"] = [(_CATATAN_F5[i % len(_CATATAN_F5)] if k else None)
                      for i, k in zip(rng.integers(0, 100, n), notes)]
    return out


def _fill_f5(rows: pd.DataFrame, rng) -> pd.DataFrame:
    return pd.concat([rows.reset_index(drop=True), _scores(rng, len(rows))], axis=1)


def _fill_f8(rows: pd.DataFrame, rng, period: Period) -> pd.DataFrame:
    out = rows.reset_index(drop=True).copy()
    out["tgl_pengumuman"] = out["tgl_pengumuman"].fillna(pd.Timestamp(period.start))
    out["jumlah_sanggahan"] = rng.poisson(.25, len(out)).astype(object)
    out["catatan"] = np.where(out["jumlah_sanggahan"].astype(int) > 0,
                              "Sanggahan dijawab sesuai jadwal.", None)
    return out


def _fill_f4(rows: dict[str, pd.DataFrame], rng, quarter: int) -> dict[str, pd.DataFrame]:
    du = rows["DataUtama"].reset_index(drop=True).copy()
    factor = rng.uniform(.8, 1.1, len(du))
    real = du["target"].astype(float) * factor
    real = np.where(du["satuan"] == "%", np.minimum(real, 100), real)
    du["realisasi"] = np.round(real, 2)
    du["keterangan"] = "Dihitung dari paket triwulan ini."
    ra = rows["RencanaAksi"].reset_index(drop=True).copy()
    status = rng.choice(c.STATUS_RENCANA_AKSI, size=len(ra), p=_STATUS_P[quarter])
    persen = np.where(status == "Belum dimulai", 0, np.where(
        status == "Selesai", 100, np.where(status == "Terkendala", rng.integers(1, 7, len(ra)) * 10,
                                           rng.integers(2, 10, len(ra)) * 10)))
    ra["status"], ra["persen_selesai"] = status, persen.astype(object)
    ra["bukti"] = [_BUKTI[i] if s != "Belum dimulai" else None
                   for i, s in zip(rng.integers(0, len(_BUKTI), len(ra)), status)]
    ra["kendala"] = [_KENDALA[i] if s == "Terkendala" else None
                     for i, s in zip(rng.integers(0, len(_KENDALA), len(ra)), status)]
    return {"DataUtama": du, "RencanaAksi": ra}


def _freeze(path: Path, when: dt.datetime) -> None:
    """Byte-identical output: fixed zip member times and document modified time."""
    with zipfile.ZipFile(path) as zf:
        items = [(i, zf.read(i.filename)) for i in zf.infolist()]
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in items:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp + rb"\g<2>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(zi, data)
    os.replace(tmp, path)


def _arrival(rng, period: Period, deadline_day: int, late: bool) -> dt.datetime:
    due = deadline(period, deadline_day)
    day = int(rng.integers(due.day + 2, due.day + 10)) if late else int(rng.integers(1, due.day + 1))
    day = min(day, 28)
    return dt.datetime(due.year, due.month, day, int(rng.integers(8, 16)), int(rng.integers(0, 60)))


def _inject(kind: str, job: dict, rng, unknown_code: str) -> dict | None:
    """Put one mistake into a job's rows; return where it lands (table, row offset, column)."""
    fmt, rows = job["format"], job["rows"]
    if fmt == "F5":
        t = rows["KinerjaPenyedia"]
        scored = t.index[t["kualitas"].notna()].tolist()
        if not scored:
            return None
        i = scored[0]
        if kind == "rentang":
            t.loc[i, "kualitas"] = 4
            return {"table": "KinerjaPenyedia", "offset": i, "column": "kualitas"}
        if kind == "tipe":
            t.loc[i, "biaya"] = "tiga"
            return {"table": "KinerjaPenyedia", "offset": i, "column": "biaya"}
        if kind == "rujukan":
            t.loc[i, "kode_paket"] = unknown_code
            return {"table": "KinerjaPenyedia", "offset": i, "column": "kode_paket"}
        if kind == "wajib":
            t.loc[i, "layanan"] = None
            return {"table": "KinerjaPenyedia", "offset": i, "column": "layanan"}
        if kind == "rumus":
            t.loc[i, "waktu"] = "=1+2"
            return {"table": "KinerjaPenyedia", "offset": i, "column": "waktu"}
    if fmt == "F8":
        t = rows["DataPokja"]
        if kind == "wajib":
            t.loc[0, "jumlah_sanggahan"] = None
            return {"table": "DataPokja", "offset": 0, "column": "jumlah_sanggahan"}
        if kind == "ganda":
            rows["DataPokja"] = pd.concat([t, t.iloc[[0]]], ignore_index=True)
            return {"table": "DataPokja", "offset": len(t), "column": "kode_paket"}
        if kind == "aturan":
            t.loc[0, "tgl_penetapan_pemenang"] = pd.Timestamp(t.loc[0, "tgl_pengumuman"]) - pd.Timedelta(days=5)
            return {"table": "DataPokja", "offset": 0, "column": "tgl_penetapan_pemenang"}
    if fmt == "F4" and kind == "aturan":
        t = rows["RencanaAksi"]
        if t.empty:
            return None
        t.loc[0, ["status", "persen_selesai", "kendala"]] = ["Terkendala", 30, None]
        return {"table": "RencanaAksi", "offset": 0, "column": "kendala"}
    if fmt == "F4" and kind == "berkas":
        return {"table": None, "offset": None, "column": None}
    return None


# (quarter, format, kind): the deliberate mistakes, each once.
PLAN = ((1, "F5", "rentang"), (1, "F5", "tipe"), (1, "F8", "wajib"), (2, "F5", "rujukan"),
        (2, "F8", "ganda"), (2, "F4", "aturan"), (3, "F5", "wajib"), (3, "F5", "rumus"),
        (3, "F4", "berkas"), (4, "F8", "aturan"))


def generate(params: Parameters, packages: pd.DataFrame, out: Path, year: int | None = None,
             seed: int = 2024, deadline_day: int | None = None) -> DemoForms:
    """Filled forms of the four quarters of `year` (default: the parameter file's year)."""
    year = year or params.tahun
    day = deadline_day or params.metode.batas_hari_pengumpulan
    rng = np.random.default_rng(seed)
    result = DemoForms()
    unknown = "9" * 11
    while unknown in set(packages["kd_paket"].astype(str)):
        unknown = unknown[:-1] + "8"
    for q in range(1, 5):
        period = Period(year, q)
        pk = respondents.period_packages(packages, period)
        jobs = writer.form_jobs(params, pk)
        if not jobs:
            continue
        people = sorted({(j["role"], j["kode"]) for j in jobs})
        picks = rng.choice(len(people), size=min(MISSING_PER_QUARTER + (q == 4), len(people)),
                           replace=False)
        missing = {people[i] for i in picks[:MISSING_PER_QUARTER]}
        late = {people[picks[-1]]} if q == 4 and len(picks) > MISSING_PER_QUARTER else set()
        result.missing += [{"periode": period.label, "jenis_responden": r, "kode_responden": k}
                           for r, k in sorted(missing)]
        arrivals = {p: _arrival(rng, period, day, p in late) for p in people}
        for p in late:
            result.late.append({"periode": period.label, "kode_responden": p[1],
                                "received": arrivals[p]})
        jobs = [j for j in jobs if (j["role"], j["kode"]) not in missing]
        for j in jobs:
            if j["format"] == "F5":
                j["rows"]["KinerjaPenyedia"] = _fill_f5(j["rows"]["KinerjaPenyedia"], rng)
            elif j["format"] == "F8":
                j["rows"]["DataPokja"] = _fill_f8(j["rows"]["DataPokja"], rng, period)
            else:
                j["rows"] = _fill_f4(j["rows"], rng, q)
        planned = {}
        for quarter, code, kind in PLAN:
            if quarter != q:
                continue
            order = rng.permutation(len(jobs))
            for k in order:
                job = jobs[k]
                if job["format"] != code or id(job) in planned:
                    continue
                where = _inject(kind, job, rng, unknown)
                if where is not None:
                    planned[id(job)] = (kind, where)
                    break
        folder = Path(out) / period.label
        for j in jobs:
            when = arrivals[(j["role"], j["kode"])] + dt.timedelta(minutes=len(result.files) % 7)
            path = folder / writer.file_name(j["format"], j["role"], j["kode"], period)
            writer.write_form(path, j["format"], j["role"], j["kode"], j["nama"], params, period,
                              j["rows"], day, created=when)
            _freeze(path, when)
            kind, where = planned.get(id(j), (None, None))
            if kind == "berkas":
                data = path.read_bytes()
                path.write_bytes(data[: len(data) // 3])   # a download cut short
            stamp = when.timestamp()
            os.utime(path, (stamp, stamp))
            result.files.append(path)
            if kind:
                row = (writer.HEADER_ROW + 1 + where["offset"]) if where["offset"] is not None else None
                sheet = c.FORMS[j["format"]].table(where["table"]).sheet if where["table"] else None
                result.mistakes.append({"periode": period.label, "file": path.name, "kind": kind,
                                        "sheet": sheet, "row": row, "column": where["column"]})
    return result

