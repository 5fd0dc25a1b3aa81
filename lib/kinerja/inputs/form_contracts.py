"""The form contracts of the Survei Teknis, declared once.

Each form (F4, F5, F8) is a set of tables; each table a tuple of fields with name, Indonesian
label, type, range or allowed values, whether it is required, and whether the respondent fills it
(input: unlocked, validated) or it identifies the row (locked, prefilled). The writer builds the
form from these declarations, the reader validates a returned form against them, the instruction
sheet documents them, and the store's survey tables are created from them.

Stored rows: a table's `columns` are the row the intake stores. They come from three places —
input/key fields of the form, the respondent and period in the form's meta sheet (`context`),
and the package register for the package code (`from_package`: the provider of a package is
taken from the register, not from a cell the respondent could edit). F5 and F8 rows have
exactly the columns of `surveys.COLUMNS["penilaian_penyedia"]` and `["pokja"]`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from kinerja.core import fmt
from kinerja.inputs.surveys import COLUMNS

SCHEMA_VERSION = "1"
HEADER_ROW = 6          # every table's header row as the writer writes it (title block above)
META_SHEET = "_meta"
GUIDE_SHEET = "Petunjuk"
META_KEYS = ("format", "periode", "jenis_responden", "kode_responden", "nama_responden",
             "versi_skema", "ukpbj", "dibuat")

# Field types (parsed with kinerja.core.parse; `choice` is matched case-insensitively to `choices`).
CODE, TEXT, INT, DECIMAL, DATE, CHOICE, FLAG = "code", "text", "int", "decimal", "date", "choice", "flag"

YA_TIDAK = ("Ya", "Tidak")
STATUS_RENCANA_AKSI = ("Belum dimulai", "Berjalan", "Selesai", "Terkendala")
PPK, POKJA = "PPK", "Pokja"
TEXT_MAX = 2000


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    type: str
    input: bool = False            # the respondent fills it (unlocked, validated in Excel)
    required: bool = False
    required_when: tuple[str, object] | None = None  # (other field, typed value) that makes it required
    min: float | None = None       # numbers: bounds; dates: years relative to the fiscal year
    max: float | None = None
    choices: tuple[str, ...] = ()
    stored: bool = True            # False: shown for reference only, not part of the stored row
    default: object = None         # typed value used when an input cell is blank
    width: int = 14
    help: str = ""                 # the cell's input message and the instruction sheet's note

    def rule(self, year: int | None = None) -> str:
        """What the cell accepts, in Indonesian (instruction sheet, Excel error message)."""
        if self.type == CHOICE:
            return "pilih salah satu: " + ", ".join(self.choices)
        if self.type == FLAG:
            return "pilih Ya atau Tidak" + (" (kosong = Tidak)" if self.default is False else "")
        if self.type == INT:
            if self.max is None:
                return f"bilangan bulat ≥ {self.min:g}"
            return f"bilangan bulat {self.min:g}–{self.max:g}"
        if self.type == DECIMAL:
            return f"angka ≥ {self.min:g}" if self.max is None else f"angka {self.min:g}–{self.max:g}"
        if self.type == DATE:
            lo, hi = date_bounds(self, year) if year else (None, None)
            span = f" antara {_tanggal(lo)} dan {_tanggal(hi)}" if lo else ""
            return "tanggal (contoh 21/03/2024)" + span
        if self.type == TEXT:
            return "teks, paling banyak " + f"{TEXT_MAX:,}".replace(",", ".") + " karakter"
        return "kode"


@dataclass(frozen=True)
class Check:
    """A rule across fields, on typed values; `bad(frame)` is True where a row breaks it. The
    rejection points at `column`."""
    column: str
    reason: str
    bad: Callable[[pd.DataFrame], pd.Series]


@dataclass(frozen=True)
class Table:
    name: str                      # Excel table name
    sheet: str
    title: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]           # one row per key; also what must belong to the respondent
    reference: str                 # the respondent's set the key must be in: paket | indikator |
                                   # rencana_aksi; "" when any key will do (F12/F13)
    store_table: str
    columns: tuple[str, ...]       # the stored row, in order
    context: dict = field(default_factory=dict)       # stored column -> meta key
    from_package: dict = field(default_factory=dict)  # stored column -> package register column
    checks: tuple[Check, ...] = ()

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def inputs(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.input)


@dataclass(frozen=True)
class Form:
    code: str                      # F4, F5, F8
    title: str
    roles: tuple[str, ...]         # who fills it: PPK, Pokja
    tables: tuple[Table, ...]
    purpose: str

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)


def _f(name, label, type_, **kw) -> Field:
    return Field(name, label, type_, **kw)


def date_bounds(f: Field, year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year + int(f.min), 1, 1), dt.date(year + int(f.max), 12, 31)


def _tanggal(d: dt.date) -> str:
    return fmt.tanggal(d)


# ---------------------------------------------------------------- provider criteria (F5)
# Peraturan LKPP 4/2021 (SIKaP) as summarised in methodology.md §1: score 3, 2, 1 per aspect.
CRITERIA = {
    "kualitas": ("Kualitas dan kuantitas pekerjaan",
                 "100% sesuai kontrak, tanpa perbaikan atau penggantian",
                 "≤ 50% pekerjaan perlu perbaikan atau penggantian",
                 "> 50% pekerjaan perlu perbaikan atau penggantian"),
    "biaya": ("Biaya",
              "Biaya terkendali: risiko biaya disampaikan sejak awal dan perubahan beralasan",
              "Salah satu dari dua kekurangan pada nilai 1",
              "Risiko biaya tidak disampaikan sejak awal dan usulan perubahan penambah biaya "
              "tanpa alasan ditolak PPK"),
    "waktu": ("Waktu",
              "Tepat waktu atau lebih cepat sesuai kebutuhan PPK",
              "Terlambat ≤ 50 hari kalender karena kesalahan penyedia",
              "Terlambat > 50 hari kalender karena kesalahan penyedia"),
    "layanan": ("Layanan",
                "Tanggap sesuai permintaan dan mudah dihubungi/diajak berdiskusi",
                "Tanggap sesuai permintaan atau mudah dihubungi",
                "Lambat menanggapi dan sulit diajak berdiskusi"),
}


def _score(name: str) -> Field:
    label, three, two, one = CRITERIA[name]
    return _f(name, f"{label} (1–3)", INT, input=True, min=1, max=3,
              required_when=("putus_kontrak", False), width=16,
              help=f"3: {three}. 2: {two}. 1: {one}.")


# ---------------------------------------------------------------- F4 Formulir Isian Utama Data Kinerja
_RESPONDENT = {"tahun_anggaran": "tahun_anggaran", "triwulan": "triwulan",
               "jenis_responden": "jenis_responden", "kode_responden": "kode_responden"}

DATA_UTAMA = Table(
    "DataUtama", "Data Utama", "Realisasi indikator kinerja triwulan ini",
    (
        _f("kode_indikator", "Kode indikator", CODE, required=True, width=12),
        _f("nama_indikator", "Indikator", TEXT, stored=False, width=48),
        _f("satuan", "Satuan", TEXT, stored=False, width=12),
        _f("target", "Target tahunan", DECIMAL, stored=False, min=0, width=12),
        _f("realisasi", "Realisasi triwulan ini", DECIMAL, input=True, min=0, width=16,
           help="Realisasi indikator pada paket/kegiatan Anda triwulan ini, dalam satuan indikator "
                "(persen ditulis 0–100). Kosongkan bila belum ada data dan jelaskan di Keterangan."),
        _f("keterangan", "Keterangan", TEXT, input=True, width=48,
           help="Sumber data, cara menghitung, atau alasan bila realisasi kosong."),
    ),
    key=("kode_indikator",), reference="indikator", store_table="survei_data_utama",
    columns=("tahun_anggaran", "triwulan", "jenis_responden", "kode_responden", "nama_responden",
             "kode_indikator", "realisasi", "keterangan"),
    context={**_RESPONDENT, "nama_responden": "nama_responden"},
)

RENCANA_AKSI = Table(
    "RencanaAksi", "Rencana Aksi", "Kemajuan rencana aksi",
    (
        _f("kode_indikator", "Kode indikator", CODE, required=True, width=12),
        _f("kode_rencana_aksi", "Kode rencana aksi", CODE, required=True, width=12),
        _f("uraian", "Rencana aksi", TEXT, stored=False, width=52),
        _f("jadwal", "Jadwal", TEXT, stored=False, width=16),
        _f("keluaran", "Keluaran", TEXT, stored=False, width=30),
        _f("status", "Status", CHOICE, input=True, required=True, choices=STATUS_RENCANA_AKSI,
           width=15, help="Belum dimulai, Berjalan, Selesai, atau Terkendala."),
        _f("persen_selesai", "Persen selesai (0–100)", INT, input=True, required=True, min=0,
           max=100, width=12, help="Bagian rencana aksi yang sudah terlaksana, 0–100. Selesai = 100; "
                                   "Belum dimulai = 0."),
        _f("bukti", "Bukti dukung", TEXT, input=True, width=36,
           help="Nama dokumen/tautan bukti (notula, surat, laporan)."),
        _f("kendala", "Kendala", TEXT, input=True, required_when=("status", "Terkendala"),
           width=36, help="Wajib diisi bila status Terkendala."),
    ),
    key=("kode_indikator", "kode_rencana_aksi"), reference="rencana_aksi",
    store_table="survei_rencana_aksi",
    columns=("tahun_anggaran", "triwulan", "jenis_responden", "kode_responden",
             "kode_indikator", "kode_rencana_aksi", "status", "persen_selesai", "bukti", "kendala"),
    context=_RESPONDENT,
    checks=(
        Check("persen_selesai", "status Selesai harus 100 persen",
              lambda d: (d["status"] == "Selesai") & (d["persen_selesai"] != 100)),
        Check("persen_selesai", "status Belum dimulai harus 0 persen",
              lambda d: (d["status"] == "Belum dimulai") & (d["persen_selesai"] != 0)),
    ),
)

F4 = Form("F4", "Formulir Isian Utama Data Kinerja", (PPK, POKJA), (DATA_UTAMA, RENCANA_AKSI),
          "Data utama kinerja: realisasi indikator yang menjadi tanggung jawab Anda dan "
          "kemajuan setiap rencana aksi pada triwulan ini.")

# ---------------------------------------------------------------- F5 Formulir Isian Kinerja Penyedia
KINERJA_PENYEDIA = Table(
    "KinerjaPenyedia", "Kinerja Penyedia", "Penilaian kinerja penyedia per paket",
    (
        _f("kode_paket", "Kode paket", CODE, required=True, width=14),
        _f("nama_paket", "Nama paket", TEXT, stored=False, width=44),
        _f("nama_satker", "Satuan kerja", TEXT, stored=False, width=30),
        _f("nama_penyedia", "Penyedia", TEXT, stored=False, width=30),
        _score("kualitas"), _score("biaya"), _score("waktu"), _score("layanan"),
        _f("putus_kontrak", "Kontrak diputus karena kesalahan penyedia", FLAG, input=True,
           default=False, width=16,
           help="Ya bila PPK memutus kontrak secara sepihak karena kesalahan penyedia (nilai 0; "
                "aspek boleh dikosongkan). Kosong = Tidak."),
        _f("catatan", "Catatan", TEXT, input=True, width=36),
    ),
    key=("kode_paket",), reference="paket", store_table="survei_penilaian_penyedia",
    columns=COLUMNS["penilaian_penyedia"],
    context={"tahun_anggaran": "tahun_anggaran", "triwulan": "triwulan",
             "nip_ppk": "kode_responden", "nama_ppk": "nama_responden"},
    from_package={"kd_penyedia": "kd_penyedia", "nama_penyedia": "nama_penyedia"},
)

F5 = Form("F5", "Formulir Isian Kinerja Penyedia", (PPK,), (KINERJA_PENYEDIA,),
          "Penilaian kinerja penyedia untuk setiap paket Anda yang kontraknya telah selesai "
          "(Peraturan LKPP 4/2021): nilai 1–3 untuk kualitas dan kuantitas, biaya, waktu, dan layanan.")

# ---------------------------------------------------------------- F8 Formulir Isian Data Kinerja Pokja
DATA_POKJA = Table(
    "DataPokja", "Data Pokja", "Data pemilihan per paket",
    (
        _f("kode_paket", "Kode paket", CODE, required=True, width=14),
        _f("nama_paket", "Nama paket", TEXT, stored=False, width=44),
        _f("nama_satker", "Satuan kerja", TEXT, stored=False, width=30),
        _f("metode", "Metode pemilihan", TEXT, stored=False, width=14),
        _f("tgl_pengumuman", "Tanggal pengumuman", DATE, input=True, required=True, min=-1, max=1,
           width=14, help="Tanggal pengumuman tender/seleksi (terisi dari SPSE; perbaiki bila salah)."),
        _f("tgl_penetapan_pemenang", "Tanggal penetapan pemenang", DATE, input=True, min=-1, max=1,
           width=14, help="Kosongkan bila pemilihan belum selesai atau gagal."),
        _f("jumlah_peserta", "Jumlah peserta", INT, input=True, min=0, max=9999, width=11,
           help="Jumlah peserta yang mendaftar/memasukkan penawaran."),
        _f("tender_ulang", "Tender ulang", FLAG, input=True, required=True, width=10,
           help="Ya bila paket ini hasil tender/seleksi ulang."),
        _f("jumlah_sanggahan", "Jumlah sanggahan", INT, input=True, required=True, min=0, max=999,
           width=11, help="Jumlah sanggahan yang diterima Pokja untuk paket ini (0 bila tidak ada)."),
        _f("catatan", "Catatan", TEXT, input=True, width=36),
    ),
    key=("kode_paket",), reference="paket", store_table="survei_pokja",
    columns=COLUMNS["pokja"],
    context={"tahun_anggaran": "tahun_anggaran", "triwulan": "triwulan",
             "kode_pokja": "kode_responden", "nama_pokja": "nama_responden"},
    checks=(
        Check("tgl_penetapan_pemenang", "tanggal penetapan pemenang sebelum tanggal pengumuman",
              lambda d: d["tgl_penetapan_pemenang"] < d["tgl_pengumuman"]),
    ),
)

F8 = Form("F8", "Formulir Isian Data Kinerja Pokja Pemilihan Per Paket", (POKJA,), (DATA_POKJA,),
          "Data pemilihan setiap paket yang ditangani Pokja Anda pada triwulan ini: tanggal, "
          "jumlah peserta, tender ulang, dan jumlah sanggahan.")

FORMS: dict[str, Form] = {f.code: f for f in (F4, F5, F8)}
FORMS_BY_ROLE = {PPK: ("F4", "F5"), POKJA: ("F4", "F8")}

GENERAL_INSTRUCTIONS = (
    "Isi hanya sel berwarna kuning (sel isian). Sel lain dikunci dan berisi data dari register "
    "paket (SiRUP/SPSE) atau dari Dokumen Perencanaan Kinerja.",
    "Jangan mengubah nama lembar, judul kolom, atau kode pada baris; jangan menambah kolom.",
    "Isikan nilai, bukan rumus: sel isian yang berisi rumus ditolak.",
    "Baris yang seluruh sel isiannya kosong dianggap belum diisi dan tidak diolah.",
    "Simpan dalam format .xlsx dengan nama berkas yang sama, lalu kirim kembali kepada Tim "
    "Pengumpul Data paling lambat {batas}.",
    "Bila mengirim perbaikan, kirim ulang seluruh formulir: kiriman terakhir menggantikan kiriman "
    "sebelumnya untuk responden dan triwulan yang sama.",
)

# ---------------------------------------------------------------- store tables
_CONTEXT_TYPES = {"tahun_anggaran": INT, "triwulan": INT}
_SQL = {INT: "BIGINT", DECIMAL: "DOUBLE", DATE: "TIMESTAMP", FLAG: "BOOLEAN"}


def column_type(table: Table, name: str) -> str:
    if name in _CONTEXT_TYPES:
        return _CONTEXT_TYPES[name]
    if name in {f.name for f in table.fields}:
        return table.field(name).type
    return TEXT


def store_ddl() -> str:
    """The survey tables: accepted rows of each form table (with their file and row), every
    submission with its sha256, and every rejected cell with its reason."""
    parts = []
    for table in {t.store_table: t for f in FORMS.values() for t in f.tables}.values():
        cols = [f'"{c}" {_SQL.get(column_type(table, c), "VARCHAR")}' for c in table.columns]
        cols += ["_sha256 VARCHAR", "_sheet VARCHAR", "_row BIGINT"]
        parts.append(f"CREATE TABLE IF NOT EXISTS {table.store_table} ({', '.join(cols)});")
    parts.append("""
CREATE TABLE IF NOT EXISTS survei_submissions (
    sha256 VARCHAR, file_name VARCHAR, raw_path VARCHAR, format VARCHAR, periode VARCHAR,
    tahun_anggaran BIGINT, triwulan BIGINT, jenis_responden VARCHAR, kode_responden VARCHAR,
    nama_responden VARCHAR, received_at TIMESTAMP, ingested_at TIMESTAMP, status VARCHAR,
    aktif BOOLEAN, replaced_by VARCHAR, rows_read BIGINT, rows_accepted BIGINT,
    rows_rejected BIGINT, message VARCHAR);
CREATE TABLE IF NOT EXISTS survei_rejections (
    sha256 VARCHAR, file_name VARCHAR, sheet VARCHAR, "row" BIGINT, "column" VARCHAR,
    value VARCHAR, reason VARCHAR, kategori VARCHAR);
""")
    return "\n".join(parts)
