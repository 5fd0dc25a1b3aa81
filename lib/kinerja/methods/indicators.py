"""KPI engine: realisation of each catalogue indicator from the package register.

Every measure is defined per package as (counted?, numerator, denominator); a KPI is
Σ numerator ÷ Σ denominator over the counted packages (× 100 for percentages). The same
definition therefore gives the UKPBJ total and any breakdown (per OPD, per method) with one
vectorised group-by, and the counted packages are exactly the source rows behind the figure.
Definitions: methodology.md §3 (workbook definitions, "ours").
Only packages of the methods in scope (seed 000 §II.1.f) enter a KPI, and an indicator of a
strategic area counts only the packages of that area's cakupan (packages.covered, the rule the
area mapping of the plan uses too); survey measures are not package counts and are not scoped.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

from kinerja.core.config import AreaStrategis, Cakupan, Indikator, Kewajaran, Parameters
from kinerja.core.measures import BESIDE, MEASURES, Measure
from kinerja.core.periods import Period
from kinerja.inputs.packages import covered, period_rows
from kinerja.methods import plausibility
from kinerja.methods.planning import cakupan_teks

Frame = pd.DataFrame

COLUMNS = ["kode", "nama", "area", "ukuran", "satuan", "polaritas", "nilai", "pembilang",
           "penyebut", "jumlah_paket", "jumlah_proses", "catatan"]
COMPANION = ["pendamping_ukuran", "pendamping_nilai", "pendamping_pembilang", "pendamping_penyebut"]
# the value without the rows plausibility flags (realisation with `kewajaran`, totals only)
FLAGGED = ["nilai_tanpa_ditandai", "jumlah_ditandai"]
NO_DATA_NOTE = "tidak ada data untuk periode ini"


def _aggregate(p: Frame, measure: Measure, keys: list[str]) -> Frame:
    """Σ numerator, Σ denominator, packages and processes counted, and the rows counted beside
    the value (measures.BESIDE), per group (or in total)."""
    mask, num, den = measure.compute(p)
    parts = pd.DataFrame({"pembilang": num, "penyebut": den, "jumlah_proses": mask.astype(int),
                          "paket": p["id_paket"].where(mask)})
    beside = measure.beside(p) if measure.beside else {}
    for name, values in beside.items():
        parts[name] = pd.Series(values, index=p.index).astype("float64")
    sums = ["pembilang", "penyebut", "jumlah_proses", *beside]
    if keys:
        parts[keys] = p[keys]
        g = parts.groupby(keys, observed=True, dropna=False)
        agg = g[sums].sum()
        agg["jumlah_paket"] = g["paket"].nunique()
        agg = agg.reset_index()
    else:
        agg = pd.DataFrame([{**parts[sums].sum().to_dict(), "jumlah_paket": int(parts["paket"].nunique())}])
    agg["nilai"] = np.where(agg["penyebut"] > 0,
                            agg["pembilang"] / agg["penyebut"].where(agg["penyebut"] > 0) * measure.scale,
                            np.nan)
    return agg


def _without_flagged(p: Frame, measure: Measure, ukuran: str) -> dict:
    """The measure's total without the rows flagged by the checks that can distort it, and how
    many of its counted rows those are (plausibility.relevant)."""
    columns = plausibility.relevant(ukuran)
    excluded = p[columns].any(axis=1).to_numpy(bool) if columns else np.zeros(len(p), bool)
    counted = measure.compute(p)[0].to_numpy(bool) & excluded
    if not counted.any():
        return {"jumlah_ditandai": 0}
    value = _aggregate(p[~excluded], measure, [])["nilai"].iloc[0]
    return {"nilai_tanpa_ditandai": value, "jumlah_ditandai": int(counted.sum())}


def _by_code(areas: Sequence[AreaStrategis] | None) -> dict[str, AreaStrategis]:
    return {a.kode: a for a in areas or ()}


def area_scope(ind: Indikator, areas: Sequence[AreaStrategis] | None) -> Cakupan | None:
    """The cakupan an indicator's KPI is restricted to: its strategic area's, where the area
    restricts (a metode or jenis_pengadaan list) and the measure counts register packages;
    None otherwise (survey measures, unrestricted areas, an area not given)."""
    area = _by_code(areas).get(ind.area)
    if area is None or MEASURES[ind.ukuran].compute is None:
        return None
    return area.cakupan if cakupan_teks(area.cakupan) else None


# The package columns the register measures and the area rule read: realisation copies only
# these (a copy of every column per area and period costs, at a million packages, many times
# the KPIs themselves).
_READ = ["tahun_anggaran", "tgl_pengumuman", "triwulan", "metode", "dalam_lingkup", "jenis_pengadaan",
         "id_paket", "proses_terakhir", "paket_diulang", "berlangsung", "menang", "gagal", "dibatalkan",
         "kd_tender", "kd_nontender", "versi_tender", "jumlah_peserta", "jumlah_pendaftar", "pagu",
         "hps", "nilai_kontrak", "nilai_penawaran", "nilai_pdn_kontrak", "nilai_umk_kontrak",
         "tgl_penetapan_pemenang", "tgl_akhir_pemilihan_rencana", "tgl_serah_terima",
         "tgl_akhir_kontrak", "no_kontrak", "dinilai", *plausibility.READ]


def _year_rows(packages: Frame, period: Period, columns: list[str] | None = None) -> Frame:
    """The period's fiscal year's rows (with only `columns`, where given)."""
    rows = np.flatnonzero(packages["tahun_anggaran"].eq(period.year).fillna(False).to_numpy(bool))
    if columns is None:
        return packages.take(rows)
    year = packages[[c for c in dict.fromkeys(columns) if c in packages]].take(rows)
    if "id_paket" in year:  # numbered once: the area rule and the package counts group by it
        codes = pd.factorize(year["id_paket"])[0]
        year["id_paket"] = pd.arrays.IntegerArray(codes, codes < 0)
    return year


def _area_rows(year: Frame, period: Period, cakupan: Cakupan | None,
               scope: list[str] | None, cumulative: bool) -> Frame:
    """The period's rows an area's KPIs consider among its fiscal year's rows: those the area
    covers (packages.covered: methods in scope, the area's cakupan) in the period's quarter."""
    rows = covered(year, cakupan, scope) & period_rows(year, period, cumulative)
    return year.take(np.flatnonzero(rows.to_numpy()))


def counted(packages: Frame, ind: Indikator, period: Period, scope: list[str] | None = None,
            cumulative: bool = False, areas: Sequence[AreaStrategis] | None = None) -> Frame:
    """The rows (selection processes) behind one register indicator's figure: those its measure
    counts among its area's packages of the period (none for a survey measure)."""
    year = _year_rows(packages, period)
    p = _area_rows(year, period, area_scope(ind, areas), scope, cumulative)
    m = MEASURES[ind.ukuran]
    if m.compute is None:
        return p.iloc[:0]
    return p[m.compute(p)[0].to_numpy()]


def by_measure(catalogue: Sequence[Indikator]) -> dict[str, Indikator]:
    """The indicators by the measure they use (ukuran): the target a chart draws or a sentence
    compares with."""
    return {i.ukuran: i for i in catalogue}


def realisation(packages: Frame, catalogue: list[Indikator], period: Period,
                by: str | list[str] | None = None, scope: list[str] | None = None,
                cumulative: bool = False, areas: Sequence[AreaStrategis] | None = None,
                kewajaran: Kewajaran | None = None) -> Frame:
    """Realisation of each indicator for the period (and per group when `by` is given).

    Packages outside the methods in scope never enter a KPI; with `areas` (the parameter
    file's area_strategis) an indicator counts only the packages of its area's cakupan
    (packages.covered). jumlah_paket counts distinct packages (kd_pkt_dce), jumlah_proses the
    processes (a re-tender is a second process); measures with a companion (per process / per
    package, registrants beside bidders) carry it in the pendamping_* columns, and what a
    measure leaves out and says beside its value (processes still running, cancellations,
    contracts without a declared value) in the measures.BESIDE columns. With `kewajaran` (the
    plausibility thresholds, totals only) each value is also computed without the rows its
    plausibility checks flag (FLAGGED columns).
    """
    frames: dict[tuple | None, Frame] = {}
    keys = [by] if isinstance(by, str) else list(by or [])
    year = _year_rows(packages, period, _READ + keys)
    checked = kewajaran is not None and not keys
    if checked:
        year = pd.concat([year, plausibility.flags(year, kewajaran, period.year)], axis=1)
    rows = []
    for ind in catalogue:
        m = MEASURES[ind.ukuran]
        base = {"kode": ind.kode, "nama": ind.nama, "area": ind.area, "ukuran": ind.ukuran,
                "satuan": ind.satuan, "polaritas": ind.polaritas}
        if m.compute is None:
            if keys:  # survey measures have no register breakdown
                continue
            rows.append(pd.DataFrame([{**base, "catatan": m.note}]))
            continue
        cakupan = area_scope(ind, areas)
        key = None if cakupan is None else (tuple(cakupan.metode), tuple(cakupan.jenis_pengadaan))
        if key not in frames:
            frames[key] = _area_rows(year, period, cakupan, scope, cumulative)
        p = frames[key]
        agg = _aggregate(p, m, keys).assign(**base)
        if m.pendamping:
            extra = _aggregate(p, MEASURES[m.pendamping], keys)[keys + ["nilai", "pembilang", "penyebut"]]
            extra = extra.rename(columns={c: f"pendamping_{c}" for c in ("nilai", "pembilang", "penyebut")})
            agg = (agg.merge(extra, on=keys, how="left") if keys else agg.join(extra)).assign(
                pendamping_ukuran=m.pendamping)
        if checked:
            agg = agg.assign(**_without_flagged(p, m, ind.ukuran))
        agg["catatan"] = np.where(agg["jumlah_proses"] == 0, NO_DATA_NOTE, "")
        rows.append(agg)
    out = pd.concat(rows, ignore_index=True)
    for col in ("jumlah_paket", "jumlah_proses"):
        out[col] = out[col].fillna(0).astype(int)
    extra = COMPANION + list(BESIDE) + (FLAGGED if checked else [])
    for col in extra:
        if col not in out:
            out[col] = np.nan
    if checked:
        out["nilai_tanpa_ditandai"] = out["nilai_tanpa_ditandai"].fillna(out["nilai"])
    return out[keys + COLUMNS + extra]


def scope_note(ind: Indikator, areas: Sequence[AreaStrategis] | None) -> str:
    """What the printed definition says of the indicator's area cakupan: the packages it is restricted
    to, or that a survey indicator is not restricted; '' when the area restricts nothing."""
    area = _by_code(areas).get(ind.area)
    text = cakupan_teks(area.cakupan) if area is not None else ""
    if not text:
        return ""
    if MEASURES[ind.ukuran].compute is None:
        return (f"Cakupan area {area.kode} ({text}) tidak diterapkan: indikator survei, bukan "
                f"hitungan paket register.")
    return f"Cakupan area {area.kode}: {text} (paket di luar cakupan area tidak dihitung)."


def definisi_buku_kerja(ind: Indikator, areas: Sequence[AreaStrategis] | None = None,
                        companion: bool = True, words: bool = True) -> str:
    """The workbook's definition as printed (F3, F15 appendix): the measure's, its companion's, the
    area's cakupan where it restricts; in words (`words`: what leaders sign) or with the register's
    field names (the team's stage reports and the README)."""
    m = MEASURES[ind.ukuran]
    parts = [m.words if words else m.printed]
    if companion and m.pendamping:
        c = MEASURES[m.pendamping]
        parts.append(f"Ditampilkan juga {c.label}: {c.words if words else c.printed}")
    parts.append(scope_note(ind, areas))
    return " ".join(x for x in parts if x)


POLARITAS = {"naik": "Semakin tinggi semakin baik", "turun": "Semakin rendah semakin baik"}


def method_table(catalogue: list[Indikator], areas: Sequence[AreaStrategis] | None = None) -> Frame:
    """Per indicator: the catalogue's formula, the workbook's definition in words (with its area's cakupan)
    and the datasets it reads, for the plan (F3) and the report's method appendix (F15)."""
    rows = []
    for ind in catalogue:
        m = MEASURES[ind.ukuran]
        rows.append({"kode": ind.kode, "nama": ind.nama, "rumus": ind.rumus,
                     "definisi_buku_kerja": definisi_buku_kerja(ind, areas),
                     "dataset_sumber": ", ".join(m.sumber), "satuan": ind.satuan,
                     "polaritas": POLARITAS[ind.polaritas]})
    return pd.DataFrame(rows)


def status(value, target, polarity, tolerance: float) -> pd.Series:
    """Tercapai / Perlu perhatian / Tidak tercapai (methodology §3: tolerance band around the
    target, default 10% of target); 'Belum ada data' when there is no realisation."""
    v, t = pd.Series(value, dtype="float64"), pd.Series(target, dtype="float64").values
    up = pd.Series(polarity).values == "naik"
    met = np.where(up, v >= t, v <= t)
    near = np.where(up, v >= t * (1 - tolerance), v <= t * (1 + tolerance))
    out = np.select([v.isna(), met, near], ["Belum ada data", "Tercapai", "Perlu perhatian"],
                    "Tidak tercapai")
    return pd.Series(out, index=v.index)


def achievement(value, target, polarity) -> pd.Series:
    """Capaian (%) of the target, in the KPI's direction."""
    v, t = pd.Series(value, dtype="float64"), pd.Series(target, dtype="float64").values
    up = pd.Series(polarity).values == "naik"
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(up, v / t * 100, np.where(v > 0, t / v * 100, np.where(v == 0, 100.0, np.nan)))
    return pd.Series(out, index=v.index).replace([np.inf, -np.inf], np.nan)


def plan_table(packages: Frame, params: Parameters, period: Period | None = None) -> Frame:
    """The indicator catalogue with baseline (the previous year's realisation where its data
    exist, otherwise the baseline given in the parameters), target and status of the baseline."""
    period = period or Period(params.tahun)
    scope = params.metode.metode_dalam_lingkup
    prev = realisation(packages, params.indikator, period.previous_year, scope=scope,
                       areas=params.area_strategis)
    rows = []
    for ind, (_, r) in zip(params.indikator, prev.iterrows()):
        computed = pd.notna(r["nilai"])
        if computed:
            baseline, source = r["nilai"], f"Realisasi {period.year - 1} (register, {r['jumlah_paket']} paket)"
        elif ind.baseline is not None:
            baseline, source = ind.baseline, "Ditetapkan dalam berkas parameter"
        else:
            baseline, source = np.nan, "Belum tersedia"
        m = MEASURES[ind.ukuran]
        rows.append({"kode": ind.kode, "nama": ind.nama, "area": ind.area, "definisi": ind.definisi,
                     "rumus": ind.rumus,
                     "definisi_buku_kerja": definisi_buku_kerja(ind, params.area_strategis, companion=False),
                     "dataset_sumber": ", ".join(m.sumber), "satuan": ind.satuan,
                     "polaritas": ind.polaritas,
                     "sumber_data": ind.sumber_data, "frekuensi": ind.frekuensi,
                     "penanggung_jawab": ind.penanggung_jawab, "baseline": baseline,
                     "baseline_sumber": source, "target": ind.target,
                     "jumlah_rencana_aksi": len(ind.rencana_aksi)})
    out = pd.DataFrame(rows)
    out["status_baseline"] = status(out["baseline"], out["target"], out["polaritas"],
                                    params.metode.toleransi_status)
    return out
