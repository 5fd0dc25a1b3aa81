"""The parameter file: one YAML per UKPBJ and year, validated on load.

Every method setting (weights, thresholds, tolerance, indicator catalogue, officials, letterhead)
lives here with national defaults, never as a constant in code. A mistake raises
`ParameterError` with one Indonesian message per wrong key.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from kinerja.core import marks, parameter_errors, paths
from kinerja.core.colours import ACCENT, PRIMARY, Warna
from kinerja.core.measures import NAMES as MEASURES  # the measures an indicator may use (ukuran)


# Selection methods: canonical names; the five in the SOP's scope (seed 000 §II.1.f).
METODE_DALAM_LINGKUP = ("Tender", "Seleksi", "Tender Cepat", "Penunjukan Langsung", "Dikecualikan")
METODE_LAIN = ("Pengadaan Langsung", "E-Purchasing", "Swakelola", "Lainnya")
KNOWN_METHODS = METODE_DALAM_LINGKUP + METODE_LAIN
KNOWN_JENIS = ("Barang", "Pekerjaan Konstruksi", "Jasa Konsultansi", "Jasa Lainnya")


def _unknown(key: str, names: list[str], what: str, known: tuple[str, ...]) -> list[str]:
    """One message per list entry that is not a known code, naming the key and its position."""
    return [f"kunci '{key}[{m}]': {what} '{name}' tidak dikenal (yang dikenal: {', '.join(known)})"
            for m, name in enumerate(names) if name not in known]


class ParameterError(Exception):
    """A parameter file that cannot be used; the message is for the user (Indonesian)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Pejabat(_Model):
    nama: str
    nip: str = ""
    jabatan: str
    pangkat: str = ""


class UKPBJ(_Model):
    nama: str
    singkatan: str
    instansi: str
    # LKPP code of the K/L/PD (e.g. D107): register rows of any other K/L/PD are left out of
    # every KPI. None: every row counts (a store holding one K/L/PD only).
    kd_klpd: str | None = None
    alamat: str
    kota: str
    telepon: str = ""
    email: str = ""
    laman: str = ""
    kode_pos: str = ""
    # Number (and date) of the UKPBJ's own SOP Pengelolaan Kinerja Pengadaan; '' when the UKPBJ
    # has none of its own: the letters then cite only the SOP they take as a model.
    nomor_sop: str = ""
    # Letterhead colours of the presentation decks (#RRGGBB, quoted: a bare # starts a comment).
    warna_utama: Warna = PRIMARY
    warna_aksen: Warna = ACCENT

    @property
    def alamat_lengkap(self) -> str:
        """The letterhead's address: street, city and postcode, each once."""
        address = self.alamat.rstrip(" ,.")
        if self.kota and not address.lower().endswith(self.kota.lower()):  # "…, Kec. Samarinda Ulu"
            address += f", {self.kota}"
        if self.kode_pos and self.kode_pos not in address:
            address += f" {self.kode_pos}"
        return address

    @property
    def kontak(self) -> str:
        """'Telepon … · Pos-el … · Laman …' (the contacts given)."""
        return " · ".join(f"{label} {value}" for label, value in
                          (("Telepon", self.telepon), ("Pos-el", self.email), ("Laman", self.laman)) if value)


class Pejabat_(_Model):
    kepala_ukpbj: Pejabat
    penandatangan_surat_edaran: Pejabat
    ketua_tim_kematangan: Pejabat
    koordinator: Pejabat


class Tim(_Model):
    pengumpul_data: list[Pejabat] = Field(min_length=1)
    pengolah_data: list[Pejabat] = Field(min_length=1)


class Surat(_Model):
    nomor: str
    tanggal: dt.date

    @field_validator("tanggal", mode="before")
    @classmethod
    def _not_a_number(cls, value):
        # pydantic would read 20240108 as seconds since 1970: a date is written YYYY-MM-DD.
        if isinstance(value, (int, float)):
            raise ValueError("harus tanggal (YYYY-MM-DD)")
        return value


class Surat_(_Model):
    surat_tugas: Surat
    surat_edaran: Surat
    dokumen_perencanaan: Surat


class Tujuan(_Model):
    kode: str
    nama: str


class Cakupan(_Model):
    """Which packages a strategic area covers (seed 001 step 11): empty = all in scope."""
    metode: list[str] = []
    jenis_pengadaan: list[str] = []


class AreaStrategis(_Model):
    kode: str
    nama: str
    tujuan: str
    cakupan: Cakupan = Cakupan()


class RencanaAksi(_Model):
    kode: str
    uraian: str
    jadwal: str
    keluaran: str
    penanggung_jawab: str


class Indikator(_Model):
    kode: str
    nama: str
    area: str
    definisi: str
    rumus: str
    ukuran: Literal[MEASURES]  # type: ignore[valid-type]
    satuan: str
    polaritas: Literal["naik", "turun"]
    sumber_data: str
    frekuensi: Literal["Triwulanan", "Semesteran", "Tahunan"]
    penanggung_jawab: str
    baseline: float | None = None  # None: computed from the previous year's data
    target: float
    rencana_aksi: list[RencanaAksi] = Field(min_length=1)


class BobotPenyedia(_Model):
    kualitas: float = 0.3
    biaya: float = 0.2
    waktu: float = 0.3
    layanan: float = 0.2

    @model_validator(mode="after")
    def _sum_one(self):
        total = round(self.kualitas + self.biaya + self.waktu + self.layanan, 9)
        if total != 1:
            raise ValueError(f"jumlah bobot harus 1, tertulis {total}")
        return self

    @model_validator(mode="after")
    def _whole_percent(self):
        # Provider scores are computed exactly in integer hundredths (providers.py).
        for name in ("kualitas", "biaya", "waktu", "layanan"):
            value = getattr(self, name)
            if value < 0 or abs(value * 100 - round(value * 100)) > 1e-9:
                raise ValueError(f"bobot '{name}' harus persen bulat antara 0 dan 1 "
                                 f"(mis. 0.3), tertulis {value}")
        return self


class KategoriPenyedia(_Model):
    """Lower bounds (inclusive) of the provider categories on the 0–3 score (methodology §1):
    nilai ≥ sangat_baik Sangat Baik, ≥ baik Baik, ≥ cukup Cukup, below Buruk. Two decimals at
    most, because scores are compared in exact hundredths."""
    sangat_baik: float = 3.0
    baik: float = 2.0
    cukup: float = 1.0

    @model_validator(mode="after")
    def _ordered(self):
        values = (self.cukup, self.baik, self.sangat_baik)
        if any(abs(v * 100 - round(v * 100)) > 1e-9 for v in values):
            raise ValueError("batas kategori penyedia paling banyak dua desimal")
        if not 0 < self.cukup < self.baik < self.sangat_baik <= 3:
            raise ValueError("batas kategori penyedia harus 0 < cukup < baik < sangat_baik ≤ 3")
        return self


class SkalaPenyedia(_Model):
    """The whole-number aspect scores a SIKaP rating may carry (methodology §1): terendah to
    tertinggi, and putus_kontrak on every aspect of a contract terminated for the provider's fault."""
    terendah: int = 1
    tertinggi: int = 3
    putus_kontrak: int = 0

    @model_validator(mode="after")
    def _ordered(self):
        if not 0 <= self.putus_kontrak < self.terendah < self.tertinggi:
            raise ValueError("skala penyedia harus 0 ≤ putus_kontrak < terendah < tertinggi")
        return self


# Phrases of an announcement's ket_ditutup / ket_diulang that mark a process closed for budget or
# plan reasons (not a failed selection): the workbook's own list of how SPSE users write it,
# matched case-insensitively anywhere in the text (inputs.processes.failure_kinds).
FRASA_PEMBATALAN = (
    "efisiensi anggaran", "efisiensi belanja", "refocusing", "refokusing", "realokasi anggaran",
    "pergeseran anggaran", "perubahan anggaran", "rasionalisasi anggaran", "penghematan anggaran",
    "pemotongan anggaran", "pengurangan anggaran", "penundaan anggaran", "anggaran tidak tersedia",
    "tidak tersedia anggaran", "anggaran tidak mencukupi", "keterbatasan anggaran",
    "dana tidak tersedia", "tidak tersedia dana", "perubahan rencana", "perubahan kebutuhan",
    "perubahan dpa", "dpa perubahan", "apbd perubahan", "kegiatan dibatalkan",
    "pembatalan kegiatan", "tidak jadi dilaksanakan", "inpres nomor 1 tahun 2025",
    "inpres no. 1 tahun 2025", "instruksi presiden nomor 1 tahun 2025",
)


class Kewajaran(_Model):
    """Plausibility checks on package rows before any status is given (methods.plausibility):
    the workbook's own defaults, not a regulation's. A row breaking one is listed in data quality
    and a KPI whose status changes without it says so."""
    # HPS below this share of the pagu (a pagu typed with extra digits, or the HPS of a part)
    hps_min_pagu: float = Field(0.5, ge=0, le=1)
    # HPS above the pagu (× this factor): Perpres 16/2018 keeps the HPS within the pagu
    hps_maks_pagu: float = Field(1.0, ge=1)
    # contract value and the winning offer above the HPS (× this factor): an offer above the
    # HPS is rejected in a tender, so neither can stand behind an efficiency figure
    kontrak_maks_hps: float = Field(1.0, ge=1)
    penawaran_maks_hps: float = Field(1.0, ge=1)
    # an announcement may come this many days before the fiscal year (tender dini, from October)
    hari_sebelum_tahun: int = Field(92, ge=0, le=366)


class Metode(_Model):
    metode_dalam_lingkup: list[str] = list(METODE_DALAM_LINGKUP)
    frasa_pembatalan: list[str] = list(FRASA_PEMBATALAN)
    kewajaran: Kewajaran = Kewajaran()
    toleransi_status: float = Field(0.10, ge=0, le=1)
    # An OPD or Pokja is compared with the rest of the UKPBJ (report breakdown, findings) only
    # on a measure counting at least this many of its processes: never rated on one or two.
    minimum_proses_banding: int = Field(5, ge=1)
    bobot_penyedia: BobotPenyedia = BobotPenyedia()
    kategori_penyedia: KategoriPenyedia = KategoriPenyedia()
    skala_penyedia: SkalaPenyedia = SkalaPenyedia()
    bobot_ikm: Literal["1/n", "0,11"] = "1/n"
    populasi_responden_internal: int = Field(300, ge=1)
    populasi_responden_eksternal: int = Field(500, ge=1)
    # IKM konversi upper edges (inclusive) of mutu D, C, B: PermenPANRB 14/2017's table.
    batas_mutu_ikm: tuple[float, float, float] = (64.99, 76.60, 88.30)

    @field_validator("batas_mutu_ikm")
    @classmethod
    def _ascending_bands(cls, value):
        if not 25 < value[0] < value[1] < value[2] < 100:
            raise ValueError("batas mutu IKM harus naik di antara 25 dan 100 (D, C, B)")
        return value
    # Survei Teknis: forms are due by this day of the quarter's collection month (May, Aug,
    # Nov, Jan); a form received later is 'Terlambat' (day 31 = the month's last day).
    batas_hari_pengumpulan: int = Field(15, ge=1, le=31)


class Data(_Model):
    register_paket: list[str] = Field(min_length=1)
    store: str = "data/kinerja.duckdb"
    # Survey rows (F5 provider scores, F8 Pokja data, F12/F13 satisfaction answers) as CSV/xlsx
    # files named <jenis>_<tahun>.csv; used where the store holds no intake rows for the year.
    survei: str | None = None
    # Folder of returned Survei Teknis forms (F4/F5/F8 .xlsx, subfolders included) that
    # intake.ensure_forms ingests before the stages; None: only `kinerja intake` loads forms.
    formulir: str | None = None


class SatuanPelaksana(_Model):
    """The unit (Eselon II / satuan pelaksana UKPBJ) a Pokja package is counted under in F10,
    by jenis pengadaan; the register has no unit field, so this is a workbook definition."""
    bawaan: str = "UKPBJ"
    per_jenis_pengadaan: dict[str, str] = {}

    @field_validator("per_jenis_pengadaan")
    @classmethod
    def _known_jenis(cls, value):
        for name in value:
            if name not in KNOWN_JENIS:
                raise ValueError(f"jenis pengadaan '{name}' tidak dikenal "
                                 f"(yang dikenal: {', '.join(KNOWN_JENIS)})")
        return value


KEPUTUSAN_LAPORAN = {"belum": "Belum diputuskan", "diterima": "Diterima",
                     "revisi": "Dikembalikan untuk revisi"}
KEPUTUSAN_INDIKATOR = {"diterima": "Diterima", "revisi": "Perlu revisi",
                       "dinyatakan_tercapai": "Dinyatakan tercapai"}


class KeputusanIndikator(_Model):
    """The leadership's decision on one indicator (seed 001 step 18)."""
    kode: str
    keputusan: Literal[tuple(KEPUTUSAN_INDIKATOR)]  # type: ignore[valid-type]
    catatan: str = ""


class Laporan(_Model):
    """Report F15/F16: revision number and the leadership's decisions (seed 000 step 7,
    seed 001 step 18). A revised run (revisi > 0) writes to its own output folder."""
    revisi: int = Field(0, ge=0, le=99)
    keputusan: Literal[tuple(KEPUTUSAN_LAPORAN)] = "belum"  # type: ignore[valid-type]
    tanggal_keputusan: dt.date | None = None
    catatan: str = ""
    indikator: list[KeputusanIndikator] = []


class Parameters(_Model):
    ukpbj: UKPBJ
    tahun: int = Field(ge=2000, le=2100)
    pejabat: Pejabat_
    tim: Tim
    surat: Surat_
    data: Data
    metode: Metode = Metode()
    satuan_pelaksana: SatuanPelaksana = SatuanPelaksana()
    laporan: Laporan = Laporan()
    tujuan: list[Tujuan] = Field(min_length=1)
    area_strategis: list[AreaStrategis] = Field(min_length=1)
    indikator: list[Indikator] = Field(min_length=1)

    @field_validator("indikator")
    @classmethod
    def _unique_codes(cls, value):
        seen = set()
        for ind in value:
            if ind.kode in seen:
                raise ValueError(f"kode indikator '{ind.kode}' ganda")
            seen.add(ind.kode)
        return value

    @model_validator(mode="after")
    def _references(self):
        """Cross-references and names, each problem named by its key."""
        problems = []
        goals = {t.kode for t in self.tujuan}
        areas = {a.kode for a in self.area_strategis}
        for label, items in (("tujuan", self.tujuan), ("area_strategis", self.area_strategis)):
            codes = [x.kode for x in items]
            problems += [f"kunci '{label}': kode '{c}' ganda" for c in sorted({c for c in codes if codes.count(c) > 1})]
        for n, a in enumerate(self.area_strategis):
            if a.tujuan not in goals:
                problems.append(f"kunci 'area_strategis[{n}].tujuan': area {a.kode} merujuk tujuan '{a.tujuan}' yang tidak ada "
                                f"(yang ada: {', '.join(sorted(goals))})")
            problems += _unknown(f"area_strategis[{n}].cakupan.metode", a.cakupan.metode, "metode",
                                 KNOWN_METHODS)
            problems += _unknown(f"area_strategis[{n}].cakupan.jenis_pengadaan",
                                 a.cakupan.jenis_pengadaan, "jenis", KNOWN_JENIS)
        for n, i in enumerate(self.indikator):
            if i.area not in areas:
                problems.append(f"kunci 'indikator[{n}].area': indikator {i.kode} merujuk area '{i.area}' yang tidak ada "
                                f"(yang ada: {', '.join(sorted(areas))})")
        codes = {i.kode for i in self.indikator}
        for n, k in enumerate(self.laporan.indikator):
            if k.kode not in codes:
                problems.append(f"kunci 'laporan.indikator[{n}].kode': indikator '{k.kode}' tidak ada "
                                f"dalam katalog indikator")
        problems += _unknown("metode.metode_dalam_lingkup", self.metode.metode_dalam_lingkup, "metode",
                             KNOWN_METHODS)
        if problems:
            raise ValueError(parameter_errors.REFERENCE_MARK + "\n- ".join(problems))
        return self

    # Where this file was read from, and the marks its comments carry (set by load()).
    _source: Path | None = PrivateAttr(default=None)
    _marks: dict = PrivateAttr(default_factory=dict)

    @property
    def source(self) -> Path | None:
        return self._source

    @property
    def marks(self) -> dict[str, str]:
        """Key -> ISI (unfilled) or USULAN (a default not yet adopted), from the file's comments
        (kinerja.core.marks)."""
        return self._marks

    def unfilled(self) -> list[str]:
        """The keys whose value is still an `# ISI:` placeholder, in file order."""
        return [k for k, m in self._marks.items() if m == marks.ISI]

    def proposed(self, key: str) -> bool:
        """Whether the value at `key` is still marked `# USULAN:` (a default, not adopted)."""
        return self._marks.get(key) == marks.USULAN

    @property
    def store_path(self) -> Path:
        return paths.resolve(self.data.store)

    @property
    def survey_dir(self) -> Path | None:
        return paths.resolve(self.data.survei) if self.data.survei else None

    @property
    def forms_dir(self) -> Path | None:
        return paths.resolve(self.data.formulir) if self.data.formulir else None

    @property
    def register_files(self) -> list[Path]:
        return [paths.resolve(p) for p in self.data.register_paket]


def load(path: str | Path) -> Parameters:
    """Read and validate a parameter file; raise ParameterError with Indonesian messages."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        raw = yaml.safe_load(text)
    except FileNotFoundError:
        raise ParameterError(f"Berkas parameter '{path}' tidak ditemukan.") from None
    except IsADirectoryError:
        raise ParameterError(f"Berkas parameter '{path}' adalah folder, bukan berkas YAML.") from None
    except UnicodeDecodeError:
        raise ParameterError(f"Berkas parameter '{path}' bukan teks (UTF-8); berikan berkas "
                             f".yaml.") from None
    except OSError as exc:
        raise ParameterError(f"Berkas parameter '{path}' tidak dapat dibaca ({exc.strerror}).") from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" baris {where.line + 1}" if where else ""
        raise ParameterError(f"Berkas parameter '{path}'{line}: bukan YAML yang sah.") from None
    if not isinstance(raw, dict):
        raise ParameterError(f"Berkas parameter '{path}': isinya harus berupa kunci-kunci YAML.")
    try:
        params = Parameters.model_validate(raw)
    except ValidationError as exc:
        lines = [parameter_errors.message(e) for e in exc.errors()]
        raise ParameterError(f"Berkas parameter '{path}' tidak sah:\n- " + "\n- ".join(lines)) from None
    params._source = path.resolve()
    params._marks = marks.read(text)
    return params
