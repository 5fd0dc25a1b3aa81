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

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np
import pandas as pd

from kinerja.core.config import AreaStrategis, Cakupan, Indikator, Parameters
from kinerja.core.periods import Period
from kinerja.inputs.packages import covered, period_rows
from kinerja.methods.planning import cakupan_teks

Frame = pd.DataFrame


def _f(mask, num, den) -> tuple[pd.Series, pd.Series, pd.Series]:
    mask = pd.Series(mask).fillna(False).astype(bool)
    return mask, pd.Series(num, index=mask.index).astype("float64").where(mask, 0.0), \
        pd.Series(den, index=mask.index).astype("float64").where(mask, 0.0)


def _finished_with_contract(p: Frame) -> pd.Series:
    return (p["status"] == "Selesai") & p["nilai_kontrak"].notna()


def _announced(p: Frame) -> pd.Series:
    """Processes that went through a selection (tender or non-tender announcement)."""
    return p["kd_tender"].notna() | p["kd_nontender"].notna()


def _last(p: Frame) -> pd.Series:
    """One row per package: its last process (a re-tender replaces the failed one)."""
    return p["proses_terakhir"].astype(bool)


def _offers(p: Frame) -> pd.Series:
    """Tender processes with at least one offer (PesertaTender rows with nilai_penawaran)."""
    return p["kd_tender"].notna() & p["jumlah_peserta"].fillna(0).gt(0)


def _days(later: pd.Series, earlier: pd.Series) -> pd.Series:
    return (later.dt.normalize() - earlier.dt.normalize()).dt.days


def efisiensi_pagu(p):
    m = _last(p) & _finished_with_contract(p) & p["pagu"].gt(0)
    return _f(m, p["pagu"] - p["nilai_kontrak"], p["pagu"])


def efisiensi_hps(p):
    m = _last(p) & _finished_with_contract(p) & p["hps"].gt(0)
    return _f(m, p["hps"] - p["nilai_kontrak"], p["hps"])


def tender_gagal(p):
    return _f(_announced(p), p["status"] == "Gagal", 1)


def tender_gagal_paket(p):
    return _f(_announced(p) & _last(p), p["status"] == "Gagal", 1)


def tender_ulang(p):
    return _f(p["kd_tender"].notna() & _last(p), p["paket_diulang"], 1)


def tender_ulang_proses(p):
    return _f(p["kd_tender"].notna() & p["versi_tender"].notna(), p["versi_tender"] > 1, 1)


def rata_peserta(p):
    return _f(_offers(p), p["jumlah_peserta"], 1)


def rata_pendaftar(p):
    return _f(_offers(p), p["jumlah_pendaftar"], 1)


def peserta_tunggal(p):
    return _f(_offers(p), p["jumlah_peserta"] == 1, 1)


def durasi_pemilihan(p):
    days = _days(p["tgl_penetapan_pemenang"], p["tgl_pengumuman"])
    return _f(days.notna() & days.ge(0), days, 1)


def pemilihan_tepat_waktu(p):
    award, plan = p["tgl_penetapan_pemenang"], p["tgl_akhir_pemilihan_rencana"]
    return _f(award.notna() & plan.notna(), award.dt.normalize() <= plan.dt.normalize(), 1)


def porsi_pdn(p):
    m = _last(p) & p["nilai_kontrak"].gt(0) & (p["status"] == "Selesai")
    # A value blank in the selection result and in the e-Kontrak contract is not recorded as
    # PDN: it counts as 0 (stated in the plan and the method appendix).
    return _f(m, p["nilai_pdn_kontrak"].fillna(0), p["nilai_kontrak"])


def porsi_umk(p):
    m = _last(p) & p["nilai_kontrak"].gt(0) & (p["status"] == "Selesai")
    return _f(m, p["nilai_umk_kontrak"].fillna(0), p["nilai_kontrak"])


def kontrak_tepat_waktu(p):
    done, end = p["tgl_serah_terima"], p["tgl_akhir_kontrak"]
    return _f(_last(p) & done.notna() & end.notna(), done.dt.normalize() <= end.dt.normalize(), 1)


@dataclass(frozen=True)
class Measure:
    compute: Callable | None   # None: comes from a survey stage, not from the register
    scale: float = 1.0
    note: str = ""
    definisi: str = ""  # the workbook's definition (methodology.md §3, "ours"), with the register's fields
    uraian: str = ""    # the same in words only (printed in what leaders sign: F3, F15), where they differ
    sumber: tuple[str, ...] = ()  # the register datasets it needs
    hitungan: str = "paket"       # what jumlah_paket counts: paket, or proses (tender processes)
    pendamping: str | None = None  # the companion measure reported beside it
    per_triwulan: bool = True      # has a value per quarter (the satisfaction survey is yearly)
    survei: str | None = None      # the survey giving the value: penyedia (F5), internal (F12), eksternal (F13)


_HASIL = "SPSE-TenderSelesaiNilai / SPSE-NonTenderSelesai"
MEASURES: dict[str, Measure] = {
    "efisiensi_pagu": Measure(efisiensi_pagu, 100, definisi=(
        "Σ(pagu − nilai kontrak) ÷ Σ pagu atas paket selesai yang bernilai kontrak; satu paket "
        "dihitung sekali (proses terakhirnya), sehingga pagu paket yang ditender ulang tidak "
        "terhitung dua kali."), sumber=("SPSE-TenderPengumuman", _HASIL)),
    "efisiensi_hps": Measure(efisiensi_hps, 100, definisi=(
        "Σ(HPS − nilai kontrak) ÷ Σ HPS atas paket selesai yang bernilai kontrak (proses "
        "terakhir tiap paket)."), sumber=("SPSE-TenderPengumuman", _HASIL)),
    "tender_gagal": Measure(tender_gagal, 100, hitungan="proses", pendamping="tender_gagal_paket",
                            definisi=(
        "Per proses pemilihan: proses berstatus Gagal/Batal ÷ semua proses tender dan non "
        "tender yang diumumkan (setiap kd_tender/kd_nontender dihitung)."), uraian=(
        "Per proses pemilihan: proses gagal atau batal ÷ semua proses tender dan non tender yang diumumkan."),
        sumber=("SPSE-TenderPengumuman", "SPSE-NonTenderPengumuman")),
    "tender_gagal_paket": Measure(tender_gagal_paket, 100, definisi=(
        "Per paket (kd_pkt_dce): paket yang proses terakhirnya Gagal/Batal ÷ paket yang "
        "diumumkan."), uraian="Per paket: paket yang proses terakhirnya gagal atau batal ÷ paket yang diumumkan.",
        sumber=("SPSE-TenderPengumuman", "SPSE-NonTenderPengumuman")),
    "tender_ulang": Measure(tender_ulang, 100, pendamping="tender_ulang_proses", definisi=(
        "Per paket (kd_pkt_dce): paket tender yang memiliki proses versi_tender > 1 (tender "
        "ulang) ÷ paket tender."), uraian="Per paket: paket tender yang ditender ulang ÷ paket tender.",
        sumber=("SPSE-TenderPengumuman",)),
    "tender_ulang_proses": Measure(tender_ulang_proses, 100, hitungan="proses", definisi=(
        "Per proses tender: proses dengan versi_tender > 1 ÷ semua proses tender."),
        uraian="Per proses tender: proses tender ulang ÷ semua proses tender.", sumber=("SPSE-TenderPengumuman",)),
    "rata_peserta": Measure(rata_peserta, hitungan="proses", pendamping="rata_pendaftar", definisi=(
        "Rata-rata penawar per tender: peserta = baris PesertaTender yang memasukkan penawaran "
        "(nilai_penawaran terisi); dihitung atas tender dengan ≥ 1 penawaran. Pendaftar tanpa "
        "penawaran tidak dihitung sebagai peserta (ditampilkan terpisah)."), uraian=("Rata-rata penyedia yang "
        "menawar per tender, atas tender dengan ≥ 1 penawaran; pendaftar yang tidak menawar ditampilkan terpisah."),
        sumber=("SPSE-PesertaTender",)),
    "rata_pendaftar": Measure(rata_pendaftar, hitungan="proses", definisi=(
        "Rata-rata pendaftar per tender (semua baris PesertaTender), atas tender yang sama "
        "dengan rata-rata peserta."), uraian="Rata-rata pendaftar per tender, atas tender yang sama.",
        sumber=("SPSE-PesertaTender",)),
    "peserta_tunggal": Measure(peserta_tunggal, 100, hitungan="proses", definisi=(
        "Tender dengan tepat satu penawaran ÷ tender dengan ≥ 1 penawaran (penawaran = baris "
        "PesertaTender dengan nilai_penawaran)."), uraian="Tender dengan tepat satu penawaran ÷ tender dengan ≥ 1 penawaran.",
        sumber=("SPSE-PesertaTender",)),
    "durasi_pemilihan": Measure(durasi_pemilihan, hitungan="proses", definisi=(
        "Hari kalender dari pengumuman sampai penetapan pemenang (non tender: selesai "
        "pemilihan), rata-rata atas proses yang sudah ditetapkan."),
        sumber=("SPSE-TenderPengumuman", "SPSE-TenderSelesai", "SPSE-NonTenderSelesai")),
    "pemilihan_tepat_waktu": Measure(pemilihan_tepat_waktu, 100, hitungan="proses", definisi=(
        "Proses yang penetapan pemenangnya ≤ akhir jadwal pemilihan ÷ proses yang sudah "
        "ditetapkan dan berjadwal; jadwal = tanggal akhir pemilihan di RUP, atau bila kosong "
        "akhir tahap 'Penetapan pemenang' di Jadwal Tahapan Tender SPSE."),
        sumber=("RUP-PaketPenyedia-Terumumkan", "SPSE-JadwalTahapanTender")),
    "porsi_pdn": Measure(porsi_pdn, 100, definisi=(
        "Σ nilai PDN ÷ Σ nilai kontrak atas paket selesai; nilai PDN dari hasil pemilihan, "
        "bila kosong dari kontrak e-Kontrak (addendum terakhir); bila keduanya kosong dihitung "
        "0. Sumber setiap nilai dicatat per paket."),
        sumber=(_HASIL, "SPSE-TenderEkontrak-2Kontrak")),
    "porsi_umk": Measure(porsi_umk, 100, definisi=(
        "Σ nilai UMK ÷ Σ nilai kontrak atas paket selesai; sumber nilai seperti porsi PDN."),
        sumber=(_HASIL, "SPSE-TenderEkontrak-2Kontrak")),
    "kontrak_tepat_waktu": Measure(kontrak_tepat_waktu, 100, definisi=(
        "Kontrak yang BAST terakhirnya ≤ tanggal akhir kontrak ÷ kontrak yang sudah diserahterimakan; "
        "akhir kontrak tender = tgl_kontrak_akhir sesudah addendum terakhir (bila tidak sesudah "
        "tanggal awal kontrak: tanggal selesai pekerjaan SPMK), non tender = tanggal selesai "
        "pekerjaan SPMK (bila kosong: akhir kontrak)."), uraian=(
        "Kontrak yang BAST terakhirnya ≤ tanggal akhir kontrak sesudah addendum terakhir ÷ kontrak yang sudah "
        "diserahterimakan; non tender: akhir kontrak = tanggal selesai pekerjaan pada SPMK."),
        sumber=("SPSE-TenderEkontrak-4BAPBAST", "SPSE-TenderEkontrak-2Kontrak",
                "SPSE-TenderEkontrak-3SPMKSPP")),
    "nilai_kinerja_penyedia": Measure(None, note="dari Survei Teknis (Format 5)", survei="penyedia", definisi=(
        "Rata-rata nilai paket dari Formulir Kinerja Penyedia: 30% kualitas + 20% biaya + 30% "
        "waktu + 20% layanan (skala 1–3; kontrak diputus = 0), Peraturan LKPP 4/2021. Cakupan "
        "area strategis tidak membatasi indikator ini: nilainya indeks kinerja penyedia "
        "(Format 6–7) atas semua paket yang dinilai PPK dalam Format 5."),
        sumber=("Format 5 (Survei Teknis)",)),
    "ikm_internal": Measure(None, note="dari Survei Kepuasan Pelanggan (Format 12)", per_triwulan=False,
                            survei="internal", definisi=(
        "IKM konversi = Σ NRR unsur × bobot × 25 atas jawaban responden internal, PermenPANRB "
        "14/2017."), sumber=("Format 12 (Survei Kepuasan Internal)",)),
    "ikm_eksternal": Measure(None, note="dari Survei Kepuasan Pelanggan (Format 13)", per_triwulan=False,
                             survei="eksternal",
                             definisi=(
        "IKM konversi = Σ NRR unsur × bobot × 25 atas jawaban penyedia, PermenPANRB 14/2017."),
        sumber=("Format 13 (Survei Kepuasan Eksternal)",)),
}

# How a companion value is labelled beside its indicator (F15, F16, `kinerja kpi`).
COMPANION_LABEL = {"tender_gagal_paket": "per paket (proses terakhir gagal)",
                   "tender_ulang_proses": "per proses tender (versi > 1)",
                   "rata_pendaftar": "pendaftar per tender (termasuk tanpa penawaran)"}

COLUMNS = ["kode", "nama", "area", "ukuran", "satuan", "polaritas", "nilai", "pembilang",
           "penyebut", "jumlah_paket", "jumlah_proses", "catatan"]
COMPANION = ["pendamping_ukuran", "pendamping_nilai", "pendamping_pembilang", "pendamping_penyebut"]


def _aggregate(p: Frame, measure: Measure, keys: list[str]) -> Frame:
    """Σ numerator, Σ denominator, packages and processes counted, per group (or in total)."""
    mask, num, den = measure.compute(p)
    parts = pd.DataFrame({"pembilang": num, "penyebut": den, "jumlah_proses": mask.astype(int),
                          "paket": p["id_paket"].where(mask)})
    if keys:
        parts[keys] = p[keys]
        g = parts.groupby(keys, observed=True, dropna=False)
        agg = g[["pembilang", "penyebut", "jumlah_proses"]].sum()
        agg["jumlah_paket"] = g["paket"].nunique()
        agg = agg.reset_index()
    else:
        agg = pd.DataFrame([{"pembilang": parts["pembilang"].sum(), "penyebut": parts["penyebut"].sum(),
                             "jumlah_proses": int(parts["jumlah_proses"].sum()),
                             "jumlah_paket": int(parts["paket"].nunique())}])
    agg["nilai"] = np.where(agg["penyebut"] > 0,
                            agg["pembilang"] / agg["penyebut"].where(agg["penyebut"] > 0) * measure.scale,
                            np.nan)
    return agg


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
_READ = ["tahun_anggaran", "tgl_pengumuman", "metode", "dalam_lingkup", "jenis_pengadaan",
         "id_paket", "proses_terakhir", "paket_diulang", "status", "kd_tender", "kd_nontender",
         "versi_tender", "jumlah_peserta", "jumlah_pendaftar", "pagu", "hps", "nilai_kontrak",
         "nilai_pdn_kontrak", "nilai_umk_kontrak", "tgl_penetapan_pemenang",
         "tgl_akhir_pemilihan_rencana", "tgl_serah_terima", "tgl_akhir_kontrak"]


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
                cumulative: bool = False, areas: Sequence[AreaStrategis] | None = None) -> Frame:
    """Realisation of each indicator for the period (and per group when `by` is given).

    Packages outside the methods in scope never enter a KPI; with `areas` (the parameter
    file's area_strategis) an indicator counts only the packages of its area's cakupan
    (packages.covered). jumlah_paket counts distinct packages (kd_pkt_dce), jumlah_proses the
    processes (a re-tender is a second process); measures with a companion (per process / per
    package, registrants beside bidders) carry it in the pendamping_* columns.
    """
    frames: dict[tuple | None, Frame] = {}
    keys = [by] if isinstance(by, str) else list(by or [])
    year = _year_rows(packages, period, _READ + keys)
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
        agg["catatan"] = np.where(agg["jumlah_proses"] == 0, "tidak ada data untuk periode ini", "")
        rows.append(agg)
    out = pd.concat(rows, ignore_index=True)
    for col in ("jumlah_paket", "jumlah_proses"):
        out[col] = out[col].fillna(0).astype(int)
    for col in COMPANION:
        if col not in out:
            out[col] = np.nan
    return out[keys + COLUMNS + COMPANION]


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
    """The workbook's definition as printed (F3, F15 appendix): the measure's, its companion's, the area's
    cakupan where it restricts; in words (`words`: what leaders sign) or with the register's field names."""
    m, c = MEASURES[ind.ukuran], MEASURES.get(MEASURES[ind.ukuran].pendamping)
    parts = [(words and m.uraian) or m.definisi]
    if companion and c:
        parts.append(f"Ditampilkan juga {COMPANION_LABEL[m.pendamping]}: {(words and c.uraian) or c.definisi}")
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
