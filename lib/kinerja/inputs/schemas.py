"""Data contracts, declared once: each column's name, type, whether it is required and its
Indonesian label. The register loader validates against these, the demo generator writes them,
and the forms (later stages) are built from them.

Field names are the SPSE / SiRUP / e-Kontrak export names (methodology.md §5), so a real LKPP
export loads the same way as the demo data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TEXT, CODE, INT, MONEY, NUMBER, DATE, FLAG = "text", "code", "int", "money", "number", "date", "flag"

# Bump when recognition or contracts change: files recorded as not loaded (outside the SOP,
# empty, unreadable) under an older version are examined again.
VERSION = 3


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
    # The LKPP ISB dataset names this contract reads (the `<n>_<id>_<name>.json` of a download).
    isb: tuple[str, ...] = ()
    # Several rows per key (payment terms, addenda, stages): all rows are kept, none is a
    # duplicate; the package view takes a documented value (packages.py).
    multi: bool = False
    use: str = ""  # what the workbook takes from it (README table, data-quality section)
    # Date columns recording what happened (data_dates; never a planned date)
    events: tuple[str, ...] = ()

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


@dataclass(frozen=True)
class Outside:
    """A dataset of the download that the SOP does not use: named, reported, not loaded."""
    label: str
    signature: tuple[str, ...]
    isb: tuple[str, ...] = ()


def _c(name, type_, label, required=False, aliases=()):
    return Column(name, type_, label, required, tuple(aliases))


def _satker(required: bool = True):
    return (
        _c("tahun_anggaran", INT, "Tahun anggaran", required),
        _c("kd_klpd", CODE, "Kode K/L/PD"),
        _c("nama_klpd", TEXT, "Nama K/L/PD"),
        _c("kd_satker", CODE, "Kode satker", required, ("kd_satker_str",)),
        _c("nama_satker", TEXT, "Nama satker"),
    )


_SATKER = _satker()
_PPK = (_c("nip_ppk", CODE, "NIP PPK"), _c("nama_ppk", TEXT, "Nama PPK"))
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
# e-Kontrak documents name the tender or the non-tender process they belong to.
_EKONTRAK = _satker(required=False) + (
    _c("kd_paket", CODE, "Kode tender / non tender", True, ("kd_tender", "kd_nontender")),
    _c("nama_paket", TEXT, "Nama paket"),
    _c("nama_penyedia", TEXT, "Nama penyedia"),
    _c("status_kontrak", TEXT, "Status kontrak"),
    _c("apakah_addendum", FLAG, "Addendum"),
    _c("versi_addendum", INT, "Versi addendum"),
)

RUP = Dataset(
    "rup", "RUP paket penyedia (SiRUP)", ("kd_rup",), ("kd_rup", "metode_pengadaan"),
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
    ) + _PPK,
    isb=("RUP-PaketPenyedia-Terumumkan",),
    use="rencana paket: pagu, metode, jenis, PPK, jadwal pemilihan (pemilihan tepat waktu); "
        "paket yang belum diproses",
)

RUP_SWAKELOLA = Dataset(
    "rup_swakelola", "RUP paket swakelola (SiRUP)", ("kd_rup",), ("kd_rup", "tipe_swakelola"),
    _SATKER + (
        _c("kd_rup", CODE, "Kode RUP", True),
        _c("nama_paket", TEXT, "Nama paket"),
        _c("pagu", MONEY, "Pagu", True),
        _c("tipe_swakelola", TEXT, "Tipe swakelola"),
        _c("tgl_awal_pelaksanaan_kontrak", DATE, "Tanggal awal pelaksanaan"),
        _c("tgl_akhir_pelaksanaan_kontrak", DATE, "Tanggal akhir pelaksanaan"),
    ) + _PPK,
    isb=("RUP-PaketSwakelola-Terumumkan",),
    use="konteks: paket swakelola per OPD (di luar lima metode SOP, tidak masuk indikator)",
)

TENDER_HASIL = Dataset(
    "tender_hasil", "Hasil tender (nilai dan pemenang)", ("kd_tender",),
    ("kd_tender", "nilai_kontrak"),
    _SATKER + (
        _c("kd_tender", CODE, "Kode tender", True),
        _c("kd_pkt_dce", CODE, "Kode paket SPSE", aliases=("kd_paket",)),
        _c("kd_rup", CODE, "Kode RUP", aliases=("kd_rup_paket",)),
        _c("pagu", MONEY, "Pagu"),
        _c("hps", MONEY, "HPS"),
    ) + _VALUES + (
        _c("tgl_pengumuman_tender", DATE, "Tanggal pengumuman tender"),
        _c("tgl_penetapan_pemenang", DATE, "Tanggal penetapan pemenang"),
    ) + _PROVIDER,
    isb=("SPSE-TenderSelesaiNilai",),
    use="nilai kontrak, PDN, UMK, pemenang, tanggal penetapan (efisiensi, PDN/UMK, durasi)",
    events=("tgl_pengumuman_tender", "tgl_penetapan_pemenang"),
)

TENDER = Dataset(
    "tender", "Pengumuman / tender selesai", ("kd_tender",), ("kd_tender", "status_tender"),
    _SATKER + (
        _c("kd_tender", CODE, "Kode tender", True),
        _c("kd_pkt_dce", CODE, "Kode paket SPSE"),
        _c("kd_rup", CODE, "Kode RUP"),
        _c("nama_paket", TEXT, "Nama paket"),
        _c("pagu", MONEY, "Pagu", True),
        _c("hps", MONEY, "HPS"),
        _c("jenis_pengadaan", TEXT, "Jenis pengadaan"),
        _c("mtd_pemilihan", TEXT, "Metode pemilihan", True),
        _c("mtd_evaluasi", TEXT, "Metode evaluasi"),
        _c("status_tender", TEXT, "Status tender", True),
        _c("versi_tender", INT, "Versi tender"),
        _c("ket_diulang", TEXT, "Keterangan diulang"), _c("ket_ditutup", TEXT, "Keterangan ditutup"),
        _c("tgl_pengumuman_tender", DATE, "Tanggal pengumuman tender"),
        _c("tgl_penetapan_pemenang", DATE, "Tanggal penetapan pemenang"),
    ) + _PPK + (
        _c("nip_pokja", TEXT, "NIP anggota Pokja"),
        _c("nama_pokja", TEXT, "Nama Pokja"),
    ),
    isb=("SPSE-TenderPengumuman", "SPSE-TenderSelesai"),
    use="proses tender: paket SPSE (kd_pkt_dce), versi (tender ulang), status (gagal), "
        "pengumuman, Pokja",
    # tanggal_status: the status's last change (not a contract column); an award date may be a schedule
    events=("tgl_pengumuman_tender", "tanggal_status"),
)

NONTENDER = Dataset(
    "nontender", "Non tender (Penunjukan Langsung / Pengadaan Langsung)", ("kd_nontender",),
    ("kd_nontender", "status_nontender"),
    _SATKER + (
        _c("kd_nontender", CODE, "Kode non tender", True),
        _c("kd_pkt_dce", CODE, "Kode paket SPSE"),
        _c("kd_rup", CODE, "Kode RUP"),
        _c("nama_paket", TEXT, "Nama paket"),
        _c("pagu", MONEY, "Pagu", True),
        _c("hps", MONEY, "HPS"),
        _c("jenis_pengadaan", TEXT, "Jenis pengadaan"),
        _c("mtd_pemilihan", TEXT, "Metode pemilihan", True),
        _c("status_nontender", TEXT, "Status non tender", True),
        _c("versi_nontender", INT, "Versi non tender"),
        _c("ket_diulang", TEXT, "Keterangan diulang"), _c("ket_ditutup", TEXT, "Keterangan ditutup"),
        _c("tgl_pengumuman_nontender", DATE, "Tanggal pengumuman non tender"),
        _c("tgl_penetapan_pemenang", DATE, "Tanggal selesai pemilihan",
           aliases=("tgl_selesai_nontender",)),
    ) + _PPK + (
        _c("nip_pokja", TEXT, "NIP Pokja"),
        _c("nama_pokja", TEXT, "Nama Pokja / Pejabat Pengadaan"),
        _c("nip_pp", TEXT, "NIP Pejabat Pengadaan"),
        _c("nama_pp", TEXT, "Nama Pejabat Pengadaan"),
    ) + _VALUES + _PROVIDER,
    isb=("SPSE-NonTenderPengumuman", "SPSE-NonTenderSelesai"),
    use="proses non tender: status, nilai kontrak, PDN/UMK, pengumuman dan selesai pemilihan",
    events=("tgl_pengumuman_nontender", "tgl_penetapan_pemenang"),  # Selesai rows: the end of selection
)

PESERTA = Dataset(
    "peserta", "Peserta tender", ("kd_tender", "kd_penyedia"),
    ("kd_tender", "kd_penyedia", "pemenang"),
    _satker(required=False) + (
        _c("kd_tender", CODE, "Kode tender", True),
        _c("kd_pkt_dce", CODE, "Kode paket SPSE"),
        _c("kd_peserta", CODE, "Kode peserta"),
        _c("kd_penyedia", CODE, "Kode penyedia", True),
        _c("nama_penyedia", TEXT, "Nama penyedia"),
        _c("npwp_penyedia", TEXT, "NPWP penyedia"),
        _c("nilai_penawaran", MONEY, "Nilai penawaran"),
        _c("nilai_terkoreksi", MONEY, "Nilai terkoreksi"),
        _c("pemenang", FLAG, "Pemenang"),
    ),
    isb=("SPSE-PesertaTender",),
    use="peserta: baris dengan nilai_penawaran = penawar (rata-rata peserta, peserta tunggal); "
        "semua baris = pendaftar",
)

JADWAL = Dataset(
    "jadwal", "Jadwal tahapan tender", ("kd_tender", "kd_tahapan"),
    ("kd_tender", "kd_tahapan", "tgl_akhir"),
    _satker(required=False) + (
        _c("kd_tender", CODE, "Kode tender", True),
        _c("kd_tahapan", CODE, "Kode tahapan", True),
        _c("nama_tahapan", TEXT, "Nama tahapan"),
        _c("tgl_awal", DATE, "Tanggal awal tahapan"),
        _c("tgl_akhir", DATE, "Tanggal akhir tahapan"),
    ),
    isb=("SPSE-JadwalTahapanTender",),
    use="disimpan untuk penelusuran; bukan rencana (diubah setiap jadwal berubah): tidak dipakai indikator",
)

SPPBJ = Dataset(
    "sppbj", "e-Kontrak: SPPBJ", ("kd_paket", "no_sppbj"), ("kd_paket", "no_sppbj", "tgl_sppbj"),
    _EKONTRAK + (
        _c("no_sppbj", TEXT, "Nomor SPPBJ"),
        _c("tgl_sppbj", DATE, "Tanggal SPPBJ"),
        _c("harga_final", MONEY, "Harga final"),
    ),
    isb=("SPSE-TenderEkontrak-1SPPBJ", "SPSE-NonTenderEkontrak-1SPPBJ"), multi=True,
    use="disimpan untuk penelusuran (surat penunjukan penyedia)",
    events=("tgl_sppbj",),
)

KONTRAK = Dataset(
    "kontrak", "e-Kontrak: kontrak", ("kd_paket", "no_kontrak"), ("kd_paket", "no_kontrak", "status_kontrak"),
    _EKONTRAK + (
        _c("no_kontrak", TEXT, "Nomor kontrak", True),
        _c("tgl_kontrak", DATE, "Tanggal kontrak"),
        _c("tgl_kontrak_awal", DATE, "Tanggal awal kontrak"),
        _c("tgl_kontrak_akhir", DATE, "Tanggal akhir kontrak", aliases=("tgl_akhir_kontrak",)),
        _c("nilai_kontrak", MONEY, "Nilai kontrak"),
        _c("nilai_pdn_kontrak", MONEY, "Nilai PDN kontrak"),
        _c("nilai_umk_kontrak", MONEY, "Nilai UMK kontrak"),
    ) + _PPK,
    isb=("SPSE-TenderEkontrak-2Kontrak", "SPSE-NonTenderEkontrak-2Kontrak"), multi=True,
    use="akhir kontrak sesudah addendum terakhir, nilai PDN/UMK bila hasil tender kosong",
    events=("tgl_kontrak",),
)

SPMK = Dataset(
    "spmk", "e-Kontrak: SPMK / SPP", ("kd_paket", "no_spmk_spp"), ("kd_paket", "no_spmk_spp"),
    _EKONTRAK + (
        _c("no_kontrak", TEXT, "Nomor kontrak"),
        _c("no_spmk_spp", TEXT, "Nomor SPMK/SPP"),
        _c("tgl_spmk_spp", DATE, "Tanggal SPMK/SPP"),
        _c("tgl_mulai_pekerjaan", DATE, "Tanggal mulai pekerjaan"),
        _c("tgl_selesai_pekerjaan", DATE, "Tanggal selesai pekerjaan"),
        _c("waktu_penyelesaian", TEXT, "Waktu penyelesaian"),
    ),
    isb=("SPSE-TenderEkontrak-3SPMKSPP", "SPSE-NonTenderEkontrak-3SPMKSPP"), multi=True,
    use="tanggal selesai pekerjaan (akhir kontrak non tender; tender bila kontrak tanpa "
        "tanggal akhir)",
    events=("tgl_spmk_spp",),
)

BAST = Dataset(
    "bast", "e-Kontrak: BAP / BAST", ("kd_paket", "no_bast"), ("kd_paket", "no_bast"),
    _EKONTRAK + (
        _c("no_kontrak", TEXT, "Nomor kontrak"),
        _c("nilai_kontrak", MONEY, "Nilai kontrak"),
        _c("no_bast", TEXT, "Nomor BAST"),
        _c("tgl_bast", DATE, "Tanggal BAST", aliases=("tgl_serah_terima",)),
        _c("no_bap", TEXT, "Nomor BAP"),
        _c("tgl_bap", DATE, "Tanggal BAP"),
        _c("besar_pembayaran", MONEY, "Besar pembayaran"),
        _c("progres_pekerjaan", NUMBER, "Progres pekerjaan (%)"),
    ),
    isb=("SPSE-TenderEkontrak-4BAPBAST", "SPSE-NonTenderEkontrak-4BAPBAST"), multi=True,
    use="tanggal BAST terakhir per paket (kontrak tepat waktu)",
    events=("tgl_bast", "tgl_bap"),
)

PENCATATAN = Dataset(
    "pencatatan", "Pencatatan non tender", ("kd_nontender_pct",),
    ("kd_nontender_pct", "total_realisasi"),
    _SATKER + (
        _c("kd_nontender_pct", CODE, "Kode pencatatan", True),
        _c("kd_pkt_dce", CODE, "Kode paket SPSE"),
        _c("kd_rup", TEXT, "Kode RUP (dapat lebih dari satu, dipisah ;)"),
        _c("nama_paket", TEXT, "Nama paket"),
        _c("pagu", MONEY, "Pagu"),
        _c("total_realisasi", MONEY, "Total realisasi"),
        _c("nilai_pdn_pct", MONEY, "Nilai PDN"),
        _c("nilai_umk_pct", MONEY, "Nilai UMK"),
        _c("kategori_pengadaan", TEXT, "Jenis pengadaan"),
        _c("mtd_pemilihan", TEXT, "Metode pemilihan"),
        _c("status_nontender_pct", TEXT, "Status pencatatan"),
        _c("status_nontender_pct_ket", TEXT, "Keterangan status"),
        _c("tgl_mulai_paket", DATE, "Tanggal mulai paket"),
        _c("tgl_selesai_paket", DATE, "Tanggal selesai paket"),
    ) + _PPK,
    isb=("SPSE-PencatatanNonTender",),
    use="paket yang dicatat di luar e-tendering (mis. Dikecualikan): pagu, realisasi, PDN/UMK",
    events=("tgl_mulai_paket",),
)

PENCATATAN_REALISASI = Dataset(
    "pencatatan_realisasi", "Realisasi pencatatan non tender", ("kd_nontender_pct", "no_realisasi"),
    ("kd_nontender_pct", "no_realisasi"),
    _satker(required=False) + (
        _c("kd_nontender_pct", CODE, "Kode pencatatan", True),
        _c("kd_rup", TEXT, "Kode RUP", aliases=("kd_rup_paket",)),
        _c("jenis_realisasi", TEXT, "Jenis realisasi"),
        _c("no_realisasi", TEXT, "Nomor realisasi"),
        _c("tgl_realisasi", DATE, "Tanggal realisasi"),
        _c("nilai_realisasi", MONEY, "Nilai realisasi"),
        _c("nama_penyedia", TEXT, "Nama penyedia"),
    ),
    isb=("SPSE-PencatatanNonTenderRealisasi",), multi=True,
    use="disimpan untuk penelusuran (totalnya ada di Pencatatan non tender)",
    events=("tgl_realisasi",),
)

PENCATATAN_SWAKELOLA = Dataset(
    "pencatatan_swakelola", "Pencatatan swakelola", ("kd_swakelola_pct",),
    ("kd_swakelola_pct", "total_realisasi"),
    _satker(required=False) + (
        _c("kd_swakelola_pct", CODE, "Kode pencatatan swakelola", True),
        _c("kd_rup", TEXT, "Kode RUP"),
        _c("nama_paket", TEXT, "Nama paket"),
        _c("pagu", MONEY, "Pagu"),
        _c("total_realisasi", MONEY, "Total realisasi"),
    ),
    isb=("SPSE-PencatatanSwakelola",),
    use="konteks: swakelola yang dicatat (di luar lima metode SOP)",
)

PENCATATAN_SWAKELOLA_REALISASI = Dataset(
    "pencatatan_swakelola_realisasi", "Realisasi pencatatan swakelola",
    ("kd_swakelola_pct", "no_realisasi"), ("kd_swakelola_pct", "no_realisasi"),
    _satker(required=False) + (
        _c("kd_swakelola_pct", CODE, "Kode pencatatan swakelola", True),
        _c("no_realisasi", TEXT, "Nomor realisasi"),
        _c("tgl_realisasi", DATE, "Tanggal realisasi"),
        _c("nilai_realisasi", MONEY, "Nilai realisasi"),
    ),
    isb=("SPSE-PencatatanSwakelolaRealisasi",), multi=True,
    use="disimpan untuk penelusuran",
    events=("tgl_realisasi",),
)

# Recognition order matters: e-Kontrak rows also carry kd_tender and nilai_kontrak, a BAST row
# also a contract number, a realisation row also its pencatatan code.
DATASETS: tuple[Dataset, ...] = (
    BAST, SPMK, SPPBJ, KONTRAK, PESERTA, JADWAL, TENDER_HASIL, TENDER, NONTENDER,
    PENCATATAN_REALISASI, PENCATATAN, PENCATATAN_SWAKELOLA_REALISASI, PENCATATAN_SWAKELOLA,
    RUP, RUP_SWAKELOLA)
BY_KIND = {d.kind: d for d in DATASETS}

# Datasets of an ISB download outside the SOP's scope (e-Katalog, online shops, masters):
# recognised so that the user is told what each file is, never loaded.
OUTSIDE: tuple[Outside, ...] = (
    Outside("Toko Daring (Bela Pengadaan)", ("order_id", "marketplace"), ("Bela-TokoDaringRealisasi",)),
    Outside("e-Katalog: paket e-purchasing", ("kd_paket", "total_harga", "tgl_order"),
            ("Ecat-PaketEPurchasingV6", "Ecat-PaketEPurchasing")),
    Outside("e-Katalog: produk", ("kd_produk", "no_produk"), ("Ecat-ProdukDetail",)),
    Outside("e-Katalog: komoditas", ("kd_komoditas", "nama_komoditas"), ("Ecat-KomoditasDetail",)),
    Outside("e-Katalog: distributor", ("kd_penyedia_distributor",), ("Ecat-PenyediaDistributorDetail",)),
    Outside("e-Katalog: penyedia", ("kd_penyedia", "kode_penyedia_sikap"), ("Ecat-PenyediaDetail",)),
    Outside("e-Katalog: pegawai", ("kd_user_pegawai",), ("Ecat-UserPegawai",)),
    Outside("e-Katalog: instansi dan satker", ("kd_klpd", "jenis_klpd", "kd_satker_str", "nama_satker"),
            ("Ecat-InstansiSatker",)),
    Outside("Master kabupaten/kota", ("kd_kabupaten", "nama_kabupaten"), ("Ecat-MasterKabKota",)),
    Outside("Master kabupaten/kota", ("kd_kabkota", "nama_kabkota"), ("RUP-MasterKabKota",)),
    Outside("Master provinsi", ("kd_provinsi", "nama_provinsi"),
            ("Ecat-MasterProvinsi", "RUP-MasterProvinsi")),
    Outside("RUP: master satker", ("kd_satker", "status_satker", "jenis_satker"), ("RUP-MasterSatker",)),
    Outside("RUP: master program", ("kd_program", "nama_program"), ("RUP-ProgramMaster",)),
    Outside("RUP: anggaran paket", ("kd_rup", "mak", "kd_subkegiatan"),
            ("RUP-PaketAnggaranPenyedia", "RUP-PaketAnggaranSwakelola")),
    Outside("RUP: lokasi paket", ("kd_rup", "detail_lokasi"),
            ("RUP-PaketPenyediaLokasi", "RUP-PaketSwakelolaLokasi")),
)

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
    """The dataset whose signature fields (or their aliases) are all present: a SOP dataset
    first, else a dataset outside the SOP's scope."""
    present = {str(c).strip().lower() for c in columns}
    for ds in DATASETS:
        if _matches(ds.signature, _aliases(ds), present):
            return ds
    for out in OUTSIDE:
        if _matches(out.signature, {}, present):
            return out
    return None


def named(file_name: str) -> Dataset | Outside | None:
    """The dataset an ISB file name declares (`47_1013_SPSE-TenderPengumuman.json`)."""
    stem = file_name.rsplit(".", 1)[0]
    stem = re.sub(r"^\d+_\d+_", "", stem).lower()
    for item in (*DATASETS, *OUTSIDE):
        if any(stem == n.lower() for n in item.isb):
            return item
    return None


def fits(item: Dataset | Outside, columns) -> bool:
    """Whether a file's columns carry the signature of the dataset its name declares."""
    present = {str(c).strip().lower() for c in columns}
    return _matches(item.signature, _aliases(item) if isinstance(item, Dataset) else {}, present)

