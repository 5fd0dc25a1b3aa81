"""Data contracts, declared once: each column's name, type, whether it is required and its
Indonesian label. The register loader validates against these, the demo generator writes them,
and the forms (later stages) are built from them. This module holds the datasets of the SOP's
selection processes and the plan (SiRUP), gathers those of the contract documents
(schemas_ekontrak) and of the context (schemas_context), and recognises a file's dataset by
its fields or its ISB name.
"""

from __future__ import annotations

import re

from kinerja.inputs import schemas_context, schemas_ekontrak
from kinerja.inputs.schema_base import (CODE, CODES, DATE, FLAG, INT, MONEY, NPWP16, NUMBER,  # noqa: F401
                                        PKT_DCE, PPK, PROVIDER, RUP_CODES, TEXT, VALUES, Column,
                                        Dataset, Outside, col, satker)
from kinerja.inputs.schemas_ekontrak import BAST, KONTRAK, RATING, SPMK, SPPBJ  # noqa: F401

# Bump when recognition or contracts change: files recorded as not loaded (outside the SOP,
# empty, unreadable) under an older version are examined again.
VERSION = 4

SATKER = satker()
# A status "-" (or blank) in an official download: the process is kept, its status unknown.
_NO_STATUS = "kosong — status proses tidak diketahui"

RUP = Dataset(
    "rup", "RUP paket penyedia (SiRUP)", ("kd_rup",), ("kd_rup", "metode_pengadaan"),
    SATKER + (
        col("kd_rup", CODE, "Kode RUP", True),
        col("nama_paket", TEXT, "Nama paket"),
        col("pagu", MONEY, "Pagu", True),
        col("metode_pengadaan", TEXT, "Metode pengadaan", True),
        col("jenis_pengadaan", TEXT, "Jenis pengadaan"),
        col("status_pdn", TEXT, "Status PDN"),
        col("status_ukm", TEXT, "Status UKM"),
        col("status_dikecualikan", FLAG, "Dikecualikan"),
        col("tgl_awal_pemilihan", DATE, "Tanggal awal pemilihan"),
        col("tgl_akhir_pemilihan", DATE, "Tanggal akhir pemilihan"),
        col("tgl_awal_kontrak", DATE, "Tanggal awal kontrak"),
        col("tgl_akhir_kontrak", DATE, "Tanggal akhir kontrak"),
    ) + PPK,
    isb=("RUP-PaketPenyedia-Terumumkan",),
    use=("rencana paket: pagu, metode, jenis, PPK, jadwal pemilihan (pemilihan tepat waktu: tanpa berkas "
         "ini indikator itu tidak bernilai); paket yang belum diproses"),
)

RUP_SWAKELOLA = Dataset(
    "rup_swakelola", "RUP paket swakelola (SiRUP)", ("kd_rup",), ("kd_rup", "tipe_swakelola"),
    SATKER + (
        col("kd_rup", CODE, "Kode RUP", True),
        col("nama_paket", TEXT, "Nama paket"),
        col("pagu", MONEY, "Pagu", True),
        col("tipe_swakelola", TEXT, "Tipe swakelola"),
        col("tgl_awal_pelaksanaan_kontrak", DATE, "Tanggal awal pelaksanaan"),
        col("tgl_akhir_pelaksanaan_kontrak", DATE, "Tanggal akhir pelaksanaan"),
    ) + PPK,
    isb=("RUP-PaketSwakelola-Terumumkan",),
    use="konteks: paket swakelola per OPD (di luar lima metode SOP, tidak masuk indikator)",
)

TENDER_HASIL = Dataset(
    "tender_hasil", "Hasil tender (nilai dan pemenang)", ("kd_tender",),
    ("kd_tender", "nilai_kontrak"),
    SATKER + (
        col("kd_tender", CODE, "Kode tender", True),
        col("kd_pkt_dce", CODE, "Kode paket SPSE", aliases=("kd_paket", "kd_paket_dce")),
        RUP_CODES,
        col("pagu", MONEY, "Pagu"),
        col("hps", MONEY, "HPS"),
    ) + VALUES + (
        col("tgl_pengumuman_tender", DATE, "Tanggal pengumuman tender"),
        col("tgl_penetapan_pemenang", DATE, "Tanggal penetapan pemenang"),
    ) + PROVIDER,
    isb=("SPSE-TenderSelesaiNilai",),
    use="nilai kontrak, PDN, UMK, pemenang, tanggal penetapan (efisiensi, PDN/UMK, durasi)",
    events=("tgl_pengumuman_tender", "tgl_penetapan_pemenang"),
)

# A selection process's package, as tender and non-tender announcements both give it.
SELECTION = (
    PKT_DCE,
    RUP_CODES,
    col("nama_paket", TEXT, "Nama paket"),
    col("pagu", MONEY, "Pagu", True),
    col("hps", MONEY, "HPS"),
    col("jenis_pengadaan", TEXT, "Jenis pengadaan"),
    col("mtd_pemilihan", TEXT, "Metode pemilihan", True),
)

TENDER = Dataset(
    "tender", "Pengumuman / tender selesai", ("kd_tender",), ("kd_tender", "status_tender"),
    SATKER + (
        col("kd_tender", CODE, "Kode tender", True),
        *SELECTION,
        col("mtd_evaluasi", TEXT, "Metode evaluasi"),
        col("status_tender", TEXT, "Status tender", True, missing=_NO_STATUS),
        col("versi_tender", INT, "Versi tender"),
        col("ket_diulang", TEXT, "Keterangan diulang"),
        col("ket_ditutup", TEXT, "Keterangan ditutup"),
        col("tgl_pengumuman_tender", DATE, "Tanggal pengumuman tender"),
        col("tgl_penetapan_pemenang", DATE, "Tanggal penetapan pemenang"),
    ) + PPK + (
        col("nip_pokja", TEXT, "NIP anggota Pokja"),
        col("nama_pokja", TEXT, "Nama Pokja"),
    ),
    isb=("SPSE-TenderPengumuman", "SPSE-TenderSelesai"),
    use=("proses tender: paket SPSE (kd_pkt_dce), versi (tender ulang), status (gagal, berlangsung), jenis "
         "kegagalan (ket_ditutup/ket_diulang: pembatalan karena anggaran atau perubahan rencana), "
         "pengumuman, Pokja"),
    # tanggal_status: the status's last change (not a contract column); an award date may be a schedule
    events=("tgl_pengumuman_tender", "tanggal_status"),
    finished_events=("status_tender", ("tgl_penetapan_pemenang",)),
)

NONTENDER = Dataset(
    "nontender", "Non tender (Penunjukan Langsung / Pengadaan Langsung)", ("kd_nontender",),
    ("kd_nontender", "status_nontender"),
    SATKER + (
        col("kd_nontender", CODE, "Kode non tender", True),
        *SELECTION,
        col("status_nontender", TEXT, "Status non tender", True, missing=_NO_STATUS),
        col("versi_nontender", INT, "Versi non tender"),
        col("ket_diulang", TEXT, "Keterangan diulang"),
        col("ket_ditutup", TEXT, "Keterangan ditutup"),
        col("tgl_pengumuman_nontender", DATE, "Tanggal pengumuman non tender"),
        col("tgl_penetapan_pemenang", DATE, "Tanggal selesai pemilihan",
           aliases=("tgl_selesai_nontender",)),
    ) + PPK + (
        col("nip_pokja", TEXT, "NIP Pokja"),
        col("nama_pokja", TEXT, "Nama Pokja / Pejabat Pengadaan"),
        col("nip_pp", TEXT, "NIP Pejabat Pengadaan"),
        col("nama_pp", TEXT, "Nama Pejabat Pengadaan"),
    ) + VALUES + PROVIDER,
    isb=("SPSE-NonTenderPengumuman", "SPSE-NonTenderSelesai"),
    use="proses non tender: status, jenis kegagalan, nilai kontrak, PDN/UMK, pengumuman dan selesai pemilihan",
    events=("tgl_pengumuman_nontender",),  # a running process's end of selection is its schedule
    finished_events=("status_nontender", ("tgl_penetapan_pemenang",)),
)

PESERTA = Dataset(
    "peserta", "Peserta tender", ("kd_tender", "kd_penyedia"),
    ("kd_tender", "kd_penyedia", "pemenang"),
    satker(required=False) + (
        col("kd_tender", CODE, "Kode tender", True),
        PKT_DCE,
        col("kd_peserta", CODE, "Kode peserta"),
        col("kd_penyedia", CODE, "Kode penyedia", True,
            missing="baris pengganti tanpa penyedia — tidak dihitung sebagai pendaftar"),
        col("nama_penyedia", TEXT, "Nama penyedia"),
        col("npwp_penyedia", TEXT, "NPWP penyedia"),
        NPWP16,
        col("nilai_penawaran", MONEY, "Nilai penawaran"),
        col("nilai_terkoreksi", MONEY, "Nilai terkoreksi"),
        col("pemenang", FLAG, "Pemenang"),
    ),
    isb=("SPSE-PesertaTender",),
    use=("peserta: baris dengan nilai_penawaran > 0 = penawar (rata-rata peserta, peserta tunggal, jenis "
         "kegagalan: tanpa penawaran / ada penawaran tanpa pemenang); semua baris = pendaftar"),
)

def _schedule(kind: str, process: str, code: str, isb: str, use: str) -> Dataset:
    """The stages of a tender's or a non-tender's schedule (one row per stage)."""
    return Dataset(
        kind, f"Jadwal tahapan {process}", (code, "kd_tahapan"), (code, "kd_tahapan", "tgl_akhir"),
        satker(required=False) + (
            col(code, CODE, f"Kode {process}", True),
            col("kd_tahapan", CODE, "Kode tahapan", True),
            col("nama_tahapan", TEXT, "Nama tahapan"),
            col("tgl_awal", DATE, "Tanggal awal tahapan"),
            col("tgl_akhir", DATE, "Tanggal akhir tahapan"),
        ),
        isb=(isb,), use=use)


JADWAL = _schedule("jadwal", "tender", "kd_tender", "SPSE-JadwalTahapanTender",
                   "disimpan untuk penelusuran; tidak dipakai indikator (SPSE menulis ulang jadwal "
                   "setiap kali berubah, jadi bukan rencana)")
# SPSE-JadwalTahapanNonTender (as public clients store it: tahun_anggaran, kd_klpd, kd_satker,
# kd_satker_str, kd_lpse, kd_nontender, kd_tahapan, nama_tahapan, kd_akt, nama_akt, tgl_awal,
# tgl_akhir): no KPI reads a non-tender's schedule.
JADWAL_NONTENDER = _schedule("jadwal_nontender", "non tender", "kd_nontender", "SPSE-JadwalTahapanNonTender",
                             "disimpan untuk penelusuran (jadwal non tender tidak dipakai indikator)")

PENCATATAN = Dataset(
    "pencatatan", "Pencatatan non tender", ("kd_nontender_pct",),
    ("kd_nontender_pct", "total_realisasi"),
    SATKER + (
        col("kd_nontender_pct", CODE, "Kode pencatatan", True),
        PKT_DCE,
        RUP_CODES,
        col("nama_paket", TEXT, "Nama paket"),
        col("pagu", MONEY, "Pagu"),
        col("total_realisasi", MONEY, "Total realisasi"),
        col("nilai_pdn_pct", MONEY, "Nilai PDN"),
        col("nilai_umk_pct", MONEY, "Nilai UMK"),
        col("kategori_pengadaan", TEXT, "Jenis pengadaan"),
        col("mtd_pemilihan", TEXT, "Metode pemilihan"),
        col("status_nontender_pct", TEXT, "Status pencatatan"),
        col("status_nontender_pct_ket", TEXT, "Keterangan status"),
        col("alasan_pembatalan", TEXT, "Alasan pembatalan"),
        col("tgl_mulai_paket", DATE, "Tanggal mulai paket"),
        col("tgl_selesai_paket", DATE, "Tanggal selesai paket"),
    ) + PPK,
    isb=("SPSE-PencatatanNonTender",),
    use="paket yang dicatat di luar e-tendering (mis. Dikecualikan): pagu, realisasi, PDN/UMK",
    events=("tgl_mulai_paket",),
)

PENCATATAN_REALISASI = Dataset(
    "pencatatan_realisasi", "Realisasi pencatatan non tender", ("kd_nontender_pct", "no_realisasi"),
    ("kd_nontender_pct", "no_realisasi"),
    satker(required=False) + (
        col("kd_nontender_pct", CODE, "Kode pencatatan", True),
        RUP_CODES,
        col("jenis_realisasi", TEXT, "Jenis realisasi"),
        col("no_realisasi", TEXT, "Nomor realisasi"),
        col("tgl_realisasi", DATE, "Tanggal realisasi"),
        col("nilai_realisasi", MONEY, "Nilai realisasi"),
        col("nama_penyedia", TEXT, "Nama penyedia"),
    ),
    isb=("SPSE-PencatatanNonTenderRealisasi",), multi=True,
    use="disimpan untuk penelusuran (totalnya ada di Pencatatan non tender)",
    events=("tgl_realisasi",),
)

PENCATATAN_SWAKELOLA = Dataset(
    "pencatatan_swakelola", "Pencatatan swakelola", ("kd_swakelola_pct",),
    ("kd_swakelola_pct", "total_realisasi"),
    satker(required=False) + (
        col("kd_swakelola_pct", CODE, "Kode pencatatan swakelola", True),
        RUP_CODES,
        col("nama_paket", TEXT, "Nama paket"),
        col("pagu", MONEY, "Pagu"),
        col("total_realisasi", MONEY, "Total realisasi"),
        col("tipe_swakelola", TEXT, "Tipe swakelola"),
        col("status_swakelola_pct", TEXT, "Status pencatatan"),
        col("status_swakelola_pct_ket", TEXT, "Keterangan status"),
        col("tgl_mulai_paket", DATE, "Tanggal mulai paket"),
        col("tgl_selesai_paket", DATE, "Tanggal selesai paket"),
    ) + PPK,
    isb=("SPSE-PencatatanSwakelola",),
    use="konteks: swakelola yang dicatat (di luar lima metode SOP)",
    events=("tgl_mulai_paket",),
)

PENCATATAN_SWAKELOLA_REALISASI = Dataset(
    "pencatatan_swakelola_realisasi", "Realisasi pencatatan swakelola",
    ("kd_swakelola_pct", "no_realisasi"), ("kd_swakelola_pct", "no_realisasi"),
    satker(required=False) + (
        col("kd_swakelola_pct", CODE, "Kode pencatatan swakelola", True),
        col("no_realisasi", TEXT, "Nomor realisasi"),
        col("tgl_realisasi", DATE, "Tanggal realisasi"),
        col("nilai_realisasi", MONEY, "Nilai realisasi"),
    ),
    isb=("SPSE-PencatatanSwakelolaRealisasi",), multi=True,
    use="disimpan untuk penelusuran",
    events=("tgl_realisasi",),
)


# Recognition order matters: a rating row also carries a contract number, e-Kontrak rows also
# kd_tender and nilai_kontrak, a BAST row also a contract number, a realisation row also its
# pencatatan code.
SOP: tuple[Dataset, ...] = (
    RATING, BAST, SPMK, SPPBJ, KONTRAK, PESERTA, JADWAL, JADWAL_NONTENDER, TENDER_HASIL, TENDER,
    NONTENDER, PENCATATAN_REALISASI, PENCATATAN, PENCATATAN_SWAKELOLA_REALISASI, PENCATATAN_SWAKELOLA,
    RUP, RUP_SWAKELOLA)
# Every dataset loaded into the store: the SOP's, then the context (never in a KPI).
DATASETS: tuple[Dataset, ...] = SOP + schemas_context.DATASETS
BY_KIND = {d.kind: d for d in DATASETS}
CONTEXT = tuple(d.kind for d in schemas_context.DATASETS)
OUTSIDE = schemas_context.OUTSIDE
assert set(schemas_ekontrak.DATASETS) <= set(SOP)

# RUP numeric method codes seen in SiRUP exports (methodology.md §5).
KODE_METODE_RUP = {"13": "Tender", "15": "Seleksi", "8": "Pengadaan Langsung", "9": "E-Purchasing",
                   "14": "Tender Cepat", "7": "Penunjukan Langsung", "12": "Dikecualikan"}
STATUS_TENDER = {"selesai": "Selesai", "gagal/batal": "Gagal", "gagal": "Gagal", "batal": "Gagal",
                 "berlangsung": "Berlangsung", "aktif": "Berlangsung", "tidak aktif": "Gagal"}


def _matches(signature, aliases: dict, present: set) -> bool:
    return all(any(a in present for a in aliases.get(f, {f})) for f in signature)


def _aliases(ds: Dataset) -> dict:
    return {c.name: {c.name, *c.aliases} for c in ds.columns}


def identify(columns) -> Dataset | Outside | None:
    """The dataset whose signature fields (or their aliases) are all present: a loaded dataset
    first, else a dataset outside the SOP's scope."""
    present = {str(c).strip().lower() for c in columns}
    for ds in DATASETS:
        if _matches(ds.signature, _aliases(ds), present):
            return ds
    for out in OUTSIDE:
        if _matches(out.signature, {}, present):
            return out
    return None


_ISB_NAME = re.compile(r"^\d+_\d+_(?P<name>[A-Za-z][\w()-]*)\.json$")


def isb_dataset(file_name: str) -> str | None:
    """The ISB dataset a download file's name gives (`47_1013_SPSE-TenderPengumuman.json` ->
    'SPSE-TenderPengumuman'); None for a name of another form."""
    m = _ISB_NAME.match(file_name.strip())
    return m.group("name") if m else None


def named(dataset_name: str) -> list[Dataset | Outside]:
    """The contracts an ISB dataset name declares (case-insensitive: SIKaP / SiKAP), in the
    order to try them; the first whose signature the file's columns carry reads it."""
    name = dataset_name.strip().lower()
    return [item for item in (*DATASETS, *OUTSIDE) if any(name == n.lower() for n in item.isb)]


def fits(item: Dataset | Outside, columns) -> bool:
    """Whether a file's columns carry the signature of the dataset its name declares."""
    present = {str(c).strip().lower() for c in columns}
    return _matches(item.signature, _aliases(item) if isinstance(item, Dataset) else {}, present)
