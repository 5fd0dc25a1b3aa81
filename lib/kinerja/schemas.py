"""Data contracts, declared once: each column's name, type, whether it is required and its
Indonesian label. The register loader validates against these, the demo generator writes them,
and the forms (later stages) are built from them.

Field names are the SPSE / SiRUP / e-Kontrak export names (methodology.md §5), so a real LKPP
export loads the same way as the demo data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Column types the loader knows how to read from messy exports.
TEXT, CODE, INT, MONEY, DATE, FLAG = "text", "code", "int", "money", "date", "flag"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()  # other export names for the same field


@dataclass(frozen=True)
class Dataset:
    kind: str
    label: str
    key: tuple[str, ...]
    # Fields whose joint presence identifies the dataset (checked in DATASETS order).
    signature: tuple[str, ...]
    columns: tuple[Column, ...] = field(default=())

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name, type_, label, required=False, aliases=()):
    return Column(name, type_, label, required, tuple(aliases))


_SATKER = (
    _c("tahun_anggaran", INT, "Tahun anggaran", True),
    _c("kd_satker", CODE, "Kode satker", True, ("kd_satker_str",)),
    _c("nama_satker", TEXT, "Nama satker"),
)
_PROVIDER = (
    _c("kd_penyedia", CODE, "Kode penyedia"),
    _c("nama_penyedia", TEXT, "Nama penyedia"),
    _c("npwp_penyedia", TEXT, "NPWP penyedia"),
)
_VALUES = (
    _c("nilai_penawaran", MONEY, "Nilai penawaran"),
    _c("nilai_terkoreksi", MONEY, "Nilai terkoreksi"),
    _c("nilai_negosiasi", MONEY, "Nilai negosiasi"),
    _c("nilai_kontrak", MONEY, "Nilai kontrak"),
    _c("nilai_pdn_kontrak", MONEY, "Nilai PDN kontrak"),
    _c("nilai_umk_kontrak", MONEY, "Nilai UMK kontrak"),
)

RUP = Dataset(
    "rup", "RUP (Rencana Umum Pengadaan)", ("kd_rup",), ("kd_rup", "metode_pengadaan"),
    _SATKER + (
        _c("kd_rup", CODE, "Kode RUP", True),
        _c("nama_paket", TEXT, "Nama paket"),
        _c("pagu", MONEY, "Pagu", True),
        _c("metode_pengadaan", TEXT, "Metode pengadaan", True),
        _c("jenis_pengadaan", TEXT, "Jenis pengadaan"),
        _c("status_pdn", TEXT, "Status PDN"),
        _c("status_ukm", TEXT, "Status UKM"),
        _c("status_dikecualikan", FLAG, "Dikecualikan"),
        _c("tgl_awal_pemilihan", DATE, "Tanggal awal pemilihan"),
        _c("tgl_akhir_pemilihan", DATE, "Tanggal akhir pemilihan"),
        _c("tgl_awal_kontrak", DATE, "Tanggal awal kontrak"),
        _c("tgl_akhir_kontrak", DATE, "Tanggal akhir kontrak"),
        _c("nip_ppk", CODE, "NIP PPK"),
        _c("nama_ppk", TEXT, "Nama PPK"),
    ),
)

TENDER_HASIL = Dataset(
    "tender_hasil", "Hasil tender (nilai dan pemenang)", ("kd_tender",),
    ("kd_tender", "nilai_kontrak"),
    _SATKER + (
        _c("kd_tender", CODE, "Kode tender", True),
        _c("kd_rup", CODE, "Kode RUP", aliases=("kd_rup_paket",)),
        _c("pagu", MONEY, "Pagu"),
        _c("hps", MONEY, "HPS"),
    ) + _VALUES + (
        _c("tgl_pengumuman_tender", DATE, "Tanggal pengumuman tender"),
        _c("tgl_penetapan_pemenang", DATE, "Tanggal penetapan pemenang"),
    ) + _PROVIDER,
)

TENDER = Dataset(
    "tender", "Pengumuman tender", ("kd_tender",), ("kd_tender", "status_tender"),
    _SATKER + (
        _c("kd_tender", CODE, "Kode tender", True),
        _c("kd_rup", CODE, "Kode RUP"),
        _c("nama_paket", TEXT, "Nama paket"),
        _c("pagu", MONEY, "Pagu", True),
        _c("hps", MONEY, "HPS"),
        _c("jenis_pengadaan", TEXT, "Jenis pengadaan"),
        _c("mtd_pemilihan", TEXT, "Metode pemilihan", True),
        _c("mtd_evaluasi", TEXT, "Metode evaluasi"),
        _c("status_tender", TEXT, "Status tender", True),
        _c("versi_tender", INT, "Versi tender"),
        _c("tgl_pengumuman_tender", DATE, "Tanggal pengumuman tender"),
        _c("tgl_penetapan_pemenang", DATE, "Tanggal penetapan pemenang"),
        _c("nip_ppk", CODE, "NIP PPK"),
        _c("nama_ppk", TEXT, "Nama PPK"),
        _c("nip_pokja", TEXT, "NIP anggota Pokja"),
        _c("nama_pokja", TEXT, "Nama Pokja"),
    ),
)

NONTENDER = Dataset(
    "nontender", "Non tender (Penunjukan Langsung / Pengadaan Langsung)", ("kd_nontender",),
    ("kd_nontender",),
    _SATKER + (
        _c("kd_nontender", CODE, "Kode non tender", True),
        _c("kd_rup", CODE, "Kode RUP"),
        _c("nama_paket", TEXT, "Nama paket"),
        _c("pagu", MONEY, "Pagu", True),
        _c("hps", MONEY, "HPS"),
        _c("jenis_pengadaan", TEXT, "Jenis pengadaan"),
        _c("mtd_pemilihan", TEXT, "Metode pemilihan", True),
        _c("status_nontender", TEXT, "Status non tender", True),
        _c("tgl_pengumuman_nontender", DATE, "Tanggal pengumuman non tender"),
        _c("tgl_penetapan_pemenang", DATE, "Tanggal penetapan pemenang"),
        _c("nip_ppk", CODE, "NIP PPK"),
        _c("nama_ppk", TEXT, "Nama PPK"),
        _c("nama_pokja", TEXT, "Nama Pokja / Pejabat Pengadaan"),
    ) + _VALUES + _PROVIDER,
)

PESERTA = Dataset(
    "peserta", "Peserta tender", ("kd_tender", "kd_penyedia"), ("kd_tender", "kd_penyedia", "pemenang"),
    (
        _c("kd_tender", CODE, "Kode tender", True),
        _c("kd_penyedia", CODE, "Kode penyedia", True),
        _c("nama_penyedia", TEXT, "Nama penyedia"),
        _c("npwp_penyedia", TEXT, "NPWP penyedia"),
        _c("nilai_penawaran", MONEY, "Nilai penawaran"),
        _c("pemenang", FLAG, "Pemenang"),
    ),
)

KONTRAK = Dataset(
    "kontrak", "e-Kontrak", ("kd_paket",), ("no_kontrak", "status_kontrak"),
    (
        _c("tahun_anggaran", INT, "Tahun anggaran"),
        _c("kd_paket", CODE, "Kode tender / non tender", True, ("kd_tender", "kd_nontender")),
        _c("no_kontrak", TEXT, "Nomor kontrak", True),
        _c("tgl_kontrak", DATE, "Tanggal kontrak"),
        _c("nilai_kontrak", MONEY, "Nilai kontrak"),
        _c("status_kontrak", TEXT, "Status kontrak"),
        _c("apakah_addendum", FLAG, "Addendum"),
        _c("tgl_akhir_kontrak", DATE, "Tanggal akhir kontrak"),
        _c("tgl_serah_terima", DATE, "Tanggal serah terima (selesai)"),
    ),
)

# Recognition order matters: a tender result also has kd_tender, an e-Kontrak row too.
DATASETS: tuple[Dataset, ...] = (KONTRAK, PESERTA, TENDER_HASIL, TENDER, NONTENDER, RUP)
BY_KIND = {d.kind: d for d in DATASETS}

# Selection methods: canonical names; the five in the SOP's scope (seed 000 §II.1.f).
METODE_DALAM_LINGKUP = ("Tender", "Seleksi", "Tender Cepat", "Penunjukan Langsung", "Dikecualikan")
METODE_LAIN = ("Pengadaan Langsung", "E-Purchasing", "Swakelola", "Lainnya")
# RUP numeric method codes seen in SiRUP exports (methodology.md §5).
KODE_METODE_RUP = {"13": "Tender", "15": "Seleksi", "8": "Pengadaan Langsung", "9": "E-Purchasing",
                   "14": "Tender Cepat", "7": "Penunjukan Langsung", "12": "Dikecualikan"}
STATUS_TENDER = {"selesai": "Selesai", "gagal/batal": "Gagal", "gagal": "Gagal", "batal": "Gagal",
                 "berlangsung": "Berlangsung", "aktif": "Berlangsung", "tidak aktif": "Gagal"}


def identify(columns) -> Dataset | None:
    """The dataset whose signature fields (or their aliases) are all present."""
    present = {str(c).strip().lower() for c in columns}
    for ds in DATASETS:
        names = {c.name: {c.name, *c.aliases} for c in ds.columns}
        if all(any(a in present for a in names.get(s, {s})) for s in ds.signature):
            return ds
    return None
