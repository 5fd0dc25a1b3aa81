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

from kinerja import paths
from kinerja.schemas import METODE_DALAM_LINGKUP, METODE_LAIN

MEASURES = (
    "efisiensi_pagu", "efisiensi_hps", "tender_gagal", "tender_ulang", "rata_peserta",
    "peserta_tunggal", "durasi_pemilihan", "pemilihan_tepat_waktu", "porsi_pdn", "porsi_umk",
    "kontrak_tepat_waktu", "nilai_kinerja_penyedia", "ikm_internal", "ikm_eksternal",
)


KNOWN_METHODS = METODE_DALAM_LINGKUP + METODE_LAIN
KNOWN_JENIS = ("Barang", "Pekerjaan Konstruksi", "Jasa Konsultansi", "Jasa Lainnya")
_REFERENCE_MARK = "\x00"  # marks messages that already name their keys


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
    alamat: str
    kota: str
    telepon: str = ""
    email: str = ""
    laman: str = ""
    kode_pos: str = ""


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


class Metode(_Model):
    metode_dalam_lingkup: list[str] = list(METODE_DALAM_LINGKUP)
    toleransi_status: float = Field(0.10, ge=0, le=1)
    bobot_penyedia: BobotPenyedia = BobotPenyedia()
    bobot_ikm: Literal["1/n", "0,11"] = "1/n"
    populasi_responden_internal: int = Field(300, ge=1)
    populasi_responden_eksternal: int = Field(500, ge=1)


class Data(_Model):
    register_paket: list[str] = Field(min_length=1)
    store: str = "data/kinerja.duckdb"
    # Survey rows (F5 provider scores, F8 Pokja data, F12/F13 satisfaction answers) as CSV/xlsx
    # files named <jenis>_<tahun>.csv; used where the store holds no intake rows for the year.
    survei: str = "data/sample/survei"


class Parameters(_Model):
    ukpbj: UKPBJ
    tahun: int = Field(ge=2000, le=2100)
    pejabat: Pejabat_
    tim: Tim
    surat: Surat_
    data: Data
    metode: Metode = Metode()
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
            for m, name in enumerate(a.cakupan.metode):
                if name not in KNOWN_METHODS:
                    problems.append(f"kunci 'area_strategis[{n}].cakupan.metode[{m}]': metode '{name}' "
                                    f"tidak dikenal (yang dikenal: {', '.join(KNOWN_METHODS)})")
            for m, name in enumerate(a.cakupan.jenis_pengadaan):
                if name not in KNOWN_JENIS:
                    problems.append(f"kunci 'area_strategis[{n}].cakupan.jenis_pengadaan[{m}]': jenis "
                                    f"'{name}' tidak dikenal (yang dikenal: {', '.join(KNOWN_JENIS)})")
        for n, i in enumerate(self.indikator):
            if i.area not in areas:
                problems.append(f"kunci 'indikator[{n}].area': indikator {i.kode} merujuk area '{i.area}' yang tidak ada "
                                f"(yang ada: {', '.join(sorted(areas))})")
        for m, name in enumerate(self.metode.metode_dalam_lingkup):
            if name not in KNOWN_METHODS:
                problems.append(f"kunci 'metode.metode_dalam_lingkup[{m}]': metode '{name}' tidak "
                                f"dikenal (yang dikenal: {', '.join(KNOWN_METHODS)})")
        if problems:
            raise ValueError(_REFERENCE_MARK + "\n- ".join(problems))
        return self

    # Where this file was read from (set by load()).
    _source: Path | None = PrivateAttr(default=None)

    @property
    def source(self) -> Path | None:
        return self._source

    @property
    def store_path(self) -> Path:
        return paths.resolve(self.data.store)

    @property
    def survey_dir(self) -> Path:
        return paths.resolve(self.data.survei)

    @property
    def register_files(self) -> list[Path]:
        return [paths.resolve(p) for p in self.data.register_paket]


_MESSAGES = {
    "missing": "wajib diisi tetapi tidak ada",
    "extra_forbidden": "tidak dikenal (periksa ejaan kunci)",
    "int_parsing": "harus bilangan bulat",
    "int_from_float": "harus bilangan bulat",
    "float_parsing": "harus angka",
    "float_type": "harus angka",
    "date_from_datetime_parsing": "harus tanggal (YYYY-MM-DD)",
    "date_parsing": "harus tanggal (YYYY-MM-DD)",
    "date_type": "harus tanggal (YYYY-MM-DD)",
    "literal_error": "harus salah satu dari: {expected}",
    "date_from_datetime_inexact": "harus tanggal (YYYY-MM-DD)",
    "too_short": "harus berisi paling sedikit {min_length} butir",
    "greater_than_equal": "harus ≥ {ge}",
    "less_than_equal": "harus ≤ {le}",
    "string_type": "harus teks",
    "list_type": "harus daftar (list)",
    "model_type": "harus berupa bagian (mapping) berisi kunci",
    "dict_type": "harus berupa bagian (mapping) berisi kunci",
}


def _key(loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (("." if out else "") + str(part))
    return out or "(berkas)"


def _message(err: dict) -> str:
    template = _MESSAGES.get(err["type"])
    ctx = err.get("ctx") or {}
    if template:
        try:
            text = template.format(**{k: str(v).replace("'", "").replace(" or ", " atau ")
                                      for k, v in ctx.items()})
        except KeyError:
            text = template
    else:
        # Our own validators raise Indonesian text; pydantic prefixes it with "Value error, ".
        text = str(err.get("msg", "")).removeprefix("Value error, ")
    if text.startswith(_REFERENCE_MARK):
        return text.removeprefix(_REFERENCE_MARK)
    return f"kunci '{_key(err['loc'])}': {text}"


def load(path: str | Path) -> Parameters:
    """Read and validate a parameter file; raise ParameterError with Indonesian messages."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
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
        lines = [_message(e) for e in exc.errors()]
        raise ParameterError(f"Berkas parameter '{path}' tidak sah:\n- " + "\n- ".join(lines)) from None
    params._source = path.resolve()
    return params
