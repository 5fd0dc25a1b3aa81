"""`kinerja init`: a complete, valid parameter file for one K/L/PD and fiscal year, written
from what the store holds.

What the store knows is filled in: the K/L/PD's name (-> ukpbj.nama/instansi/singkatan), its
satker (a commented list), the register files it was loaded from, the years present, and the
baselines (the previous year's realisation, computed with the KPI engine). What only a person
knows (address, officials, letter numbers and dates, targets to confirm) gets a placeholder that
passes validation and an `# ISI:` comment on its line saying what to fill in. The indicator
catalogue is the national default of `data/katalog_indikator.yaml` (the only copy in lib).

The file is opened with mode 'x' (an existing file is never overwritten) and validated with
config.load after writing; a file that does not validate is a bug and raises.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kinerja.core import config, paths
from kinerja.core.periods import Period
from kinerja.inputs import packages, register, store
from kinerja.methods import indicators as kpi

CATALOGUE = Path(__file__).resolve().parents[1] / "data" / "katalog_indikator.yaml"
ISI = "# ISI:"
# Keys of the catalogue file that `kinerja init` reads but does not write as keys.
_CATALOGUE_ONLY = ("acuan_target", "catatan")


class InitError(Exception):
    """Something the user must fix; one Indonesian line."""


# --------------------------------------------------------------------------- catalogue

def catalogue(tahun: int) -> dict:
    """The national default catalogue (tujuan, area_strategis, indikator) for a fiscal year:
    {tahun}, {tahun_lalu}, {tahun_berikut} in its texts replaced."""
    raw = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    years = {"tahun": tahun, "tahun_lalu": tahun - 1, "tahun_berikut": tahun + 1}

    def fill(value):
        if isinstance(value, str):
            return value.format(**years)
        if isinstance(value, list):
            return [fill(v) for v in value]
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        return value

    return fill(raw)


def _indicators(cat: dict) -> list[config.Indikator]:
    """The catalogue's indicators as validated models (baseline None)."""
    return [config.Indikator(**{k: v for k, v in ind.items() if k not in _CATALOGUE_ONLY})
            for ind in cat["indikator"]]


def _areas(cat: dict) -> list[config.AreaStrategis]:
    """The catalogue's strategic areas (with their cakupan) as validated models."""
    return [config.AreaStrategis(**{k: v for k, v in a.items() if k not in _CATALOGUE_ONLY})
            for a in cat["area_strategis"]]


# --------------------------------------------------------------------------- the store

@dataclass
class Satker:
    kode: str
    nama: str | None
    tahun: tuple[int, ...]


@dataclass
class Klpd:
    kode: str
    nama: str
    tahun: list[int]
    satker: list[Satker]
    baris: int


def _tables(con) -> list[str]:
    """Every register table (reg_*) of the store that carries kd_klpd."""
    rows = con.execute("SELECT DISTINCT table_name FROM information_schema.columns "
                       "WHERE column_name = 'kd_klpd' AND table_name LIKE 'reg\\_%' ESCAPE '\\' "
                       "ORDER BY table_name").fetchall()
    return [r[0] for r in rows]


def _columns(con, table: str) -> set[str]:
    return {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                      "WHERE table_name = ?", [table]).fetchall()}


def _union(con, wanted: tuple[str, ...]) -> str:
    """All reg_* tables with kd_klpd as one relation of the `wanted` columns (NULL where a
    table lacks one)."""
    parts = []
    for table in _tables(con):
        have = _columns(con, table)
        cols = ", ".join(f'"{c}"' if c in have else f'NULL AS "{c}"' for c in wanted)
        parts.append(f"SELECT {cols} FROM {table}")
    return " UNION ALL ".join(parts)


_ROW = ("kd_klpd", "nama_klpd", "tahun_anggaran", "kd_satker", "satker_key", "nama_satker",
        "_seq", "_sha256")


def find_klpd(con, kode: str) -> Klpd | None:
    """The K/L/PD's name, years and satker from its rows in the store; None without rows."""
    rows = _union(con, _ROW)
    if not rows:
        return None
    sql = f"SELECT * FROM ({rows}) WHERE upper(trim(kd_klpd)) = ?"
    count = con.execute(f"SELECT count(*) FROM ({sql})", [kode]).fetchone()[0]
    if not count:
        return None
    # The name most rows give (ties: the most recently loaded).
    name = con.execute(f"SELECT nama_klpd FROM ({sql}) WHERE nama_klpd IS NOT NULL "
                       f"GROUP BY nama_klpd ORDER BY count(*) DESC, max(_seq) DESC LIMIT 1",
                       [kode]).fetchone()
    years = [r[0] for r in con.execute(f"SELECT DISTINCT tahun_anggaran FROM ({sql}) WHERE "
                                       f"tahun_anggaran IS NOT NULL ORDER BY 1", [kode]).fetchall()]
    # One satker per normalised code (leading zeros removed); code and name as the most
    # recently loaded row gives them.
    satker = [Satker(_one_line(r[0]), _one_line(r[1]), tuple(sorted(r[2] or ()))) for r in con.execute(
        f"SELECT arg_max(kd_satker, _seq), arg_max(nama_satker, _seq) FILTER (WHERE nama_satker "
        f"IS NOT NULL), list(DISTINCT tahun_anggaran) FILTER (WHERE tahun_anggaran IS NOT NULL) "
        f"FROM ({sql}) WHERE satker_key IS NOT NULL GROUP BY satker_key "
        f"ORDER BY arg_max(kd_satker, _seq)", [kode]).fetchall()]
    return Klpd(kode, _one_line(name[0]) if name else kode, years, satker, count)


def _one_line(text):
    """Names go into comment lines: one line, single spaces."""
    return " ".join(str(text).split()) if text is not None else None


def known_klpd(con) -> list[tuple[str, str | None]]:
    """(code, name) of every K/L/PD with rows in the store, for the error message."""
    rows = _union(con, ("kd_klpd", "nama_klpd"))
    if not rows:
        return []
    return con.execute(f"SELECT upper(trim(kd_klpd)), any_value(nama_klpd) FROM ({rows}) "
                       f"WHERE kd_klpd IS NOT NULL GROUP BY 1 ORDER BY 1").fetchall()


def recorded_registers(con, kode: str) -> tuple[list[str], list[str]]:
    """(paths, missing) for data.register_paket from the store's register_files: the loaded
    files (status 'loaded' or NULL) that hold rows of this K/L/PD or rows without a K/L/PD
    code, a folder instead of its files where the whole folder was loaded (every register
    file now in it is recorded, whatever its status), in load order. Files no longer on disk
    are returned apart."""
    files = con.execute("SELECT path, sha256, coalesce(status, 'loaded'), seq, loaded_at "
                        "FROM register_files WHERE path IS NOT NULL").fetchall()
    rows = _union(con, ("kd_klpd", "_sha256"))
    own = set()
    if rows:
        own = {r[0] for r in con.execute(
            f"SELECT DISTINCT _sha256 FROM ({rows}) WHERE kd_klpd IS NULL OR "
            f"upper(trim(kd_klpd)) = ?", [kode]).fetchall()}
    recorded = {str(Path(p).resolve()) for p, *_ in files}
    chosen = sorted((f for f in files if f[2] == "loaded" and f[1] in own),
                    key=lambda f: (f[3] is None, f[3] or 0, f[4] or dt.datetime.min))
    out, missing, seen = [], [], set()
    for path, *_ in chosen:
        p = Path(path)
        if not p.exists():
            if path not in missing:
                missing.append(path)
            continue
        folder = p.parent
        inside = register.expand([folder])
        whole = bool(inside) and all(str(f.resolve()) in recorded for f in inside)
        entry = str(folder.resolve() if whole else p.resolve())
        if entry not in seen:
            seen.add(entry)
            out.append(entry)
    return out, missing


def baselines(con, indicators: list[config.Indikator], tahun: int, kode: str,
              scope: list[str], areas: list[config.AreaStrategis] | None = None
              ) -> dict[str, tuple[float, int]]:
    """{kode indikator: (realisation of tahun-1, packages counted)} where the store holds the
    previous year's data for the measure (the plan's baseline, indicators.plan_table: each
    indicator over its area's cakupan)."""

    pk = packages.load_packages(con, scope, kode)
    previous = Period(tahun - 1)
    if not (pk["tahun_anggaran"] == previous.year).any():
        return {}
    real = kpi.realisation(pk, indicators, previous, scope=scope, areas=areas)
    out = {}
    for _, r in real.iterrows():
        value = r["nilai"]
        if value is not None and not (isinstance(value, float) and math.isnan(value)):
            out[r["kode"]] = (float(value), int(r["jumlah_paket"]))
    return out


# --------------------------------------------------------------------------- names

_PEMDA = (("kabupaten", r"kab\.?|kabupaten"), ("kota", r"kota"), ("provinsi", r"prov\.?|provinsi"))


def derive_names(nama_klpd: str) -> dict:
    """nama/singkatan/instansi of the UKPBJ and, for a city, its kota, from the LKPP K/L/PD
    name ('Kab. Bandung' -> 'Pemerintah Kabupaten Bandung'). Other K/L/PD (ministries,
    agencies, BUMD) keep their name as the instansi."""
    nama = " ".join(nama_klpd.split())
    kind, region = None, None
    for label, pattern in _PEMDA:
        m = re.match(rf"(?i)^({pattern})\s+(.+)$", nama)
        if m:
            kind, region = label, m.group(2)
            break
    if kind:
        wilayah = f"{kind.title()} {region}"          # 'Kabupaten Bandung'
        instansi = f"Pemerintah {wilayah}"
    else:
        wilayah, instansi = nama, nama
    return {"nama": f"Unit Kerja Pengadaan Barang/Jasa {instansi}",
            "singkatan": f"UKPBJ {nama}", "instansi": instansi, "wilayah": wilayah,
            "pemda": kind is not None, "kota": region if kind == "kota" else None}


# --------------------------------------------------------------------------- writing

def q(value) -> str:
    """A YAML single-quoted scalar."""
    text = " ".join(str(value).split())
    return "'" + text.replace("'", "''") + "'"


def _num(value: float) -> str:
    return repr(float(round(value, 4)))


def _rule(title: str | None = None) -> list[str]:
    line = "# " + "-" * 77
    return [line] if title is None else [line, *title.splitlines(), line]


def _isi(text: str) -> str:
    return f"  {ISI} {text}"


def render(*, kd_klpd: str, tahun: int, klpd: Klpd, names: dict, registers: list[str],
           store: str, cat: dict, base: dict[str, tuple[float, int]], made: dt.datetime) -> str:
    """The parameter file's text: keys in the order and with the comments of the shipped
    example (parameters/kaltim-2024.yaml)."""
    L: list[str] = []
    add = L.append
    metode = config.Metode()
    years = ", ".join(map(str, klpd.tahun)) or "–"

    add("# " + "=" * 77)
    add("# Berkas parameter Pengelolaan Kinerja Pengadaan Barang/Jasa")
    add(f"# {names['nama']}")
    add(f"# K/L/PD {kd_klpd} ({klpd.nama}), tahun anggaran {tahun}")
    add("#")
    add(f"# Dibuat oleh `kinerja init` pada {made:%Y-%m-%d %H:%M} dari basis data")
    add(f"# {store} (tahun anggaran di basis data: {years}).")
    add("# Nilai yang hanya dapat diisi oleh UKPBJ (alamat, pejabat, nomor dan tanggal")
    add("# surat, target) berisi nilai sementara: setiap baris itu diberi komentar yang")
    add("# diawali 'ISI:' di ujung barisnya. Cari teks tersebut dan ganti nilainya")
    add("# sebelum laporan diterbitkan; hapus komentarnya bila sudah diisi.")
    add("#")
    add("# Petunjuk umum bagi analis yang menyunting berkas ini:")
    add("# - Ejaan kunci (teks sebelum titik dua) harus tepat; kunci yang salah eja")
    add("#   akan ditolak dengan pesan \"tidak dikenal\".")
    add("# - Teks yang berupa deretan angka (NIP, kode pos, telepon) WAJIB diapit")
    add("#   tanda kutip, agar tidak dibaca sebagai bilangan.")
    add("# - Tanggal ditulis dalam format YYYY-MM-DD.")
    add("# - Nilai persentase ditulis dalam satuan persen (10 berarti 10%).")
    add("# - Uji berkas setelah diubah:")
    add(f"#   .venv/bin/kinerja kpi --params BERKAS_INI --period {tahun}")
    add("# " + "=" * 77)
    add("")
    add("# Tahun anggaran yang dinilai (penilaian tahun n dilakukan pada tahun n+1).")
    add(f"tahun: {tahun}")
    add("")

    # ---- ukpbj
    L += _rule("# Identitas UKPBJ: dipakai pada kop surat, sampul laporan, dan dasbor.\n"
               f"# nama, singkatan, dan instansi diturunkan dari nama K/L/PD di register\n"
               f"# ({klpd.nama!r}); sesuaikan dengan nomenklatur resmi bila berbeda.")
    add("ukpbj:")
    add(f"  nama: {q(names['nama'])}")
    add(f"  singkatan: {q(names['singkatan'])}")
    add(f"  instansi: {q(names['instansi'])}")
    add(f"  alamat: {q('ISI: alamat kantor UKPBJ')}"
        + _isi("alamat kantor UKPBJ untuk kop surat (jalan, nomor, kelurahan, kecamatan)"))
    if names["kota"]:
        add(f"  kota: {q(names['kota'])}  # diturunkan dari nama K/L/PD; periksa")
    else:
        add(f"  kota: {q('ISI: kota kedudukan kantor UKPBJ')}"
            + _isi("kota kedudukan kantor UKPBJ (tempat penandatanganan surat)"))
    add(f"  kode_pos: {q('ISI: kode pos')}" + _isi("kode pos kantor, 5 digit, di antara tanda kutip"))
    add(f"  telepon: {q('ISI: nomor telepon kantor')}" + _isi("nomor telepon kantor UKPBJ untuk kop surat"))
    add(f"  email: {q('ISI: alamat surel resmi UKPBJ')}" + _isi("alamat surel (email) resmi UKPBJ"))
    add(f"  laman: {q('ISI: alamat laman resmi UKPBJ')}" + _isi("alamat laman resmi (https://…)"))
    add("  # Kode K/L/PD LKPP (kd_klpd pada unduhan ISB): baris register K/L/PD lain")
    add("  # tidak dihitung dalam indikator.")
    add(f"  kd_klpd: {q(kd_klpd)}")
    add("")

    # ---- pejabat
    L += _rule("# Pejabat yang menandatangani atau ditugaskan dalam SOP (Format 1, 2, 3, 15).\n"
               "# NIP 18 digit: tanggal lahir (8) + TMT CPNS tahun-bulan (6) + jenis kelamin\n"
               "# (1 = laki-laki, 2 = perempuan) + nomor urut (3). Tulis di antara tanda kutip.")
    se_jabatan = (f"Sekretaris Daerah {names['wilayah']}" if names["pemda"]
                  else "ISI: jabatan penandatangan Surat Edaran")
    officials = (
        ("kepala_ukpbj", "Kepala UKPBJ: menandatangani Surat Tugas (Format 1) dan menyetujui laporan.",
         "Kepala UKPBJ", "Kepala UKPBJ"),
        ("penandatangan_surat_edaran", "Penandatangan Surat Edaran Implementasi Pengelolaan Kinerja (Format 2).",
         "penandatangan Surat Edaran", se_jabatan),
        ("ketua_tim_kematangan", "Ketua Tim Kematangan UKPBJ: menugaskan koordinator dan menyetujui Dokumen "
         "Perencanaan Kinerja.", "Ketua Tim Kematangan UKPBJ", "Ketua Tim Kematangan UKPBJ"),
        ("koordinator", "Koordinator Tim Pengelola Kinerja Pengadaan: menyusun rencana dan memaparkan laporan.",
         "Koordinator Tim Pengelola Kinerja Pengadaan", "Koordinator Tim Pengelola Kinerja Pengadaan"),
    )
    add("pejabat:")
    for key, note, who, jabatan in officials:
        add(f"  # {note}")
        add(f"  {key}:")
        L += _person("    ", who, jabatan)
    add("")

    # ---- tim
    L += _rule("# Tim di bawah koordinator (SOP Bab II angka 1 huruf g): pengumpul data\n"
               "# (Survei Teknis) dan pengolah data (pengolahan, analisis, laporan).\n"
               "# Tambahkan anggota lain dengan pola yang sama (- nama: … nip: … jabatan: …).")
    add("tim:")
    for key, who in (("pengumpul_data", "anggota tim pengumpul data"),
                     ("pengolah_data", "anggota tim pengolah data")):
        add(f"  {key}:")
        L += _person("    - ", who, "Pengelola Pengadaan Barang/Jasa", cont="      ")
    add("")

    # ---- surat
    L += _rule("# Nomor dan tanggal surat/dokumen tahap perencanaan (Format 1, 2, 3).\n"
               "# Urutan wajar: Surat Tugas -> Dokumen Perencanaan disetujui (maks. 30 hari)\n"
               "# -> Surat Edaran dikirim ke perangkat daerah/satuan kerja.")
    add("surat:")
    letters = (("surat_tugas", "Surat Tugas (Format 1)", dt.date(tahun, 1, 2)),
               ("dokumen_perencanaan", "Dokumen Perencanaan Kinerja (Format 3)", dt.date(tahun, 1, 31)),
               ("surat_edaran", "Surat Edaran (Format 2)", dt.date(tahun, 2, 7)))
    for key, label, date in letters:
        add(f"  {key}:")
        add(f"    nomor: {q('ISI: nomor ' + label.split(' (')[0])}" + _isi(f"nomor {label}"))
        add(f"    tanggal: {date.isoformat()}" + _isi(f"tanggal {label} (YYYY-MM-DD); "
                                                     f"tanggal ini hanya nilai sementara"))
    add("")

    # ---- data
    L += _rule("# Sumber data. register_paket: berkas atau folder unduhan LKPP (SiRUP, SPSE,\n"
               "# e-Kontrak) yang sudah dimuat ke basis data (folder: seluruh berkas di\n"
               "# dalamnya dibaca). store: basis data kerja. Jalur relatif dihitung dari\n"
               "# folder utama proyek.")
    add("data:")
    add("  register_paket:")
    for path in registers:
        add(f"    - {q(path)}")
    add(f"  store: {q(store)}")
    add("  # Folder formulir Survei Teknis yang dikembalikan responden (kunci 'formulir')")
    add("  # dan folder rekap survei (kunci 'survei': penilaian_penyedia_<tahun>.csv,")
    add("  # pokja_<tahun>.csv, kepuasan_<tahun>.csv) belum diatur; tambahkan bila ada.")
    add("")

    # ---- metode (national defaults from config.Metode)
    L += _rule("# Pengaturan metode. Nilai di bawah ini adalah nilai bawaan nasional; ubah\n"
               "# hanya dengan dasar yang jelas dan catat alasannya dalam laporan.")
    add("metode:")
    add("  # Metode pemilihan yang menjadi obyek penilaian (SOP Bab II angka 1 huruf f).")
    add("  metode_dalam_lingkup:")
    for m in metode.metode_dalam_lingkup:
        add(f"    - {q(m)}")
    add("  # Pita toleransi status \"Perlu perhatian\": 0,10 = 10% dari target")
    add("  # (definisi buku kerja, metodologi §3).")
    add(f"  toleransi_status: {metode.toleransi_status}")
    add("  # Bobot aspek penilaian kinerja penyedia, jumlahnya harus 1")
    add("  # (Peraturan LKPP 4/2021, SIKaP; metodologi §1).")
    add("  bobot_penyedia:")
    for k, v in metode.bobot_penyedia.model_dump().items():
        add(f"    {k}: {v}")
    add("  # Batas bawah kategori nilai kinerja penyedia (skala 0–3; metodologi §1),")
    add("  # paling banyak dua desimal: nilai ≥ sangat_baik = Sangat Baik, ≥ baik = Baik,")
    add("  # ≥ cukup = Cukup, di bawahnya Buruk.")
    add("  kategori_penyedia:")
    for k, v in metode.kategori_penyedia.model_dump().items():
        add(f"    {k}: {v}")
    add("  # Bobot unsur IKM: '1/n' (tepat, bawaan) atau '0,11' (angka cetak")
    add("  # PermenPANRB 14/2017; metodologi §2). Cara yang dipakai disebut di Format 14.")
    add(f"  bobot_ikm: {q(metode.bobot_ikm)}")
    add("  # Perkiraan populasi responden, untuk ukuran sampel minimum Krejcie & Morgan")
    add("  # (metodologi §2): internal = OPD/PPK/Pokja, eksternal = penyedia.")
    add(f"  populasi_responden_internal: {metode.populasi_responden_internal}"
        + _isi("perkiraan jumlah pelanggan internal (PPK, Pokja, pejabat pengadaan)"))
    add(f"  populasi_responden_eksternal: {metode.populasi_responden_eksternal}"
        + _isi("perkiraan jumlah penyedia yang dilayani dalam setahun"))
    add("  # Survei Teknis: formulir paling lambat diterima pada tanggal ini di bulan")
    add("  # pengumpulan (Mei, Agustus, November, Januari); sesudahnya \"Terlambat\".")
    add(f"  batas_hari_pengumpulan: {metode.batas_hari_pengumpulan}")
    add("  # Batas atas (inklusif) IKM konversi untuk mutu D, C, B menurut tabel")
    add("  # PermenPANRB 14/2017. Jangan diubah tanpa dasar peraturan.")
    add(f"  batas_mutu_ikm: [{', '.join(str(v) for v in metode.batas_mutu_ikm)}]")
    add("")

    # ---- satker (comments only) and satuan pelaksana
    L += _rule(f"# Satuan kerja (satker/OPD) {klpd.nama} di basis data: {len(klpd.satker)} satker\n"
               "# (kd_satker dan nama_satker baris register K/L/PD ini, dengan tahun anggaran\n"
               "# barisnya). Daftar ini catatan bagi analis (responden Survei Teknis, rincian\n"
               "# per OPD); buku kerja membacanya dari register, bukan dari berkas ini.")
    for s in klpd.satker:
        tahun_s = ", ".join(map(str, s.tahun))
        add(f"#   - {s.kode}  {s.nama or '(nama tidak tercatat di register)'}"
            + (f"  [{tahun_s}]" if tahun_s else ""))
    if not klpd.satker:
        add("#   (tidak ada kd_satker pada baris register K/L/PD ini)")
    add("")
    L += _rule("# Satuan pelaksana UKPBJ untuk rekap Pokja per unit (Format 10). Register\n"
               "# paket tidak memuat unit, maka paket dipetakan menurut jenis pengadaannya;\n"
               "# jenis yang tidak tercantum masuk ke unit bawaan. Contoh pemetaan:\n"
               "#   per_jenis_pengadaan:\n"
               "#     'Barang': 'Kelompok Kerja Pemilihan Pengadaan Barang'\n"
               "#     'Pekerjaan Konstruksi': 'Kelompok Kerja Pemilihan Pekerjaan Konstruksi'")
    add("satuan_pelaksana:")
    add(f"  bawaan: {q(names['singkatan'])}"
        + _isi("unit/satuan pelaksana UKPBJ yang membawahi Pokja Pemilihan (Format 10)"))
    add("  per_jenis_pengadaan: {}")
    add("")

    # ---- laporan
    L += _rule("# Laporan Evaluasi Kinerja (Format 15) dan Dasbor (Format 16): nomor revisi dan\n"
               "# keputusan pimpinan setelah paparan (langkah 7 SOP). Revisi > 0 ditulis ke\n"
               "# folder keluaran tersendiri (<periode>-revisi<n>).\n"
               "#   keputusan: belum | diterima | revisi\n"
               "#   indikator[].keputusan: diterima | revisi | dinyatakan_tercapai")
    add("laporan:")
    add("  revisi: 0")
    add("  keputusan: belum")
    add(f"  # tanggal_keputusan: {tahun + 1}-02-10")
    add("  catatan: ''")
    add("  indikator: []")
    add("")

    # ---- catalogue
    L += _rule("# Tujuan pengadaan (langkah 1 SOP; Perpres 16/2018 jo. Perpres 12/2021\n"
               "# Pasal 4 dan Pasal 6). Kode dirujuk oleh area strategis. Katalog bawaan\n"
               "# nasional (lib/kinerja/data/katalog_indikator.yaml).")
    add("tujuan:")
    for t in cat["tujuan"]:
        add(f"  - kode: {q(t['kode'])}")
        add(f"    nama: {q(t['nama'])}")
    add("")
    L += _rule("# Area strategis: pengelompokan indikator di bawah satu tujuan.\n"
               "# cakupan memetakan area ke paket (SOP kedua, langkah 11):\n"
               "#   metode          : daftar metode pemilihan; kosong ([]) = semua metode dalam lingkup\n"
               "#   jenis_pengadaan : 'Barang', 'Pekerjaan Konstruksi', 'Jasa Konsultansi',\n"
               "#                     'Jasa Lainnya'; kosong ([]) = semua jenis")
    add("area_strategis:")
    for a in cat["area_strategis"]:
        add(f"  - kode: {q(a['kode'])}")
        add(f"    nama: {q(a['nama'])}")
        add(f"    tujuan: {q(a['tujuan'])}")
        if a.get("catatan"):
            add(f"    # {a['catatan']}")
        add("    cakupan:")
        cak = a.get("cakupan") or {}
        add(f"      metode: [{', '.join(q(m) for m in cak.get('metode', []))}]")
        add(f"      jenis_pengadaan: [{', '.join(q(m) for m in cak.get('jenis_pengadaan', []))}]")
    add("")
    L += _rule("# Indikator kinerja pengadaan (Format 3) beserta atribut dan rencana aksinya.\n"
               "#   ukuran     : ukuran bawaan yang dihitung buku kerja (lihat MEASURES di\n"
               "#                lib/kinerja/config.py); setiap ukuran cukup dipakai sekali\n"
               "#   polaritas  : naik (makin tinggi makin baik) atau turun (makin rendah makin baik)\n"
               "#   frekuensi  : Triwulanan, Semesteran, atau Tahunan\n"
               f"#   baseline   : realisasi {tahun - 1} dari register bila datanya ada di basis\n"
               "#                data (buku kerja menghitungnya ulang dari data saat laporan\n"
               "#                dibuat); null = belum ada, isi untuk indikator hasil survei\n"
               f"#   target     : nilai yang hendak dicapai pada akhir tahun {tahun}; nilai yang\n"
               "#                tertulis adalah target bawaan nasional yang harus ditetapkan\n"
               "#                ulang oleh UKPBJ\n"
               "#   rencana_aksi: rencana aksi umum bawaan; sesuaikan dengan rencana UKPBJ")
    add("indikator:")
    areas = {a["kode"]: a["nama"] for a in cat["area_strategis"]}
    current = None
    for ind in cat["indikator"]:
        if ind["area"] != current:
            current = ind["area"]
            add("")
            head = f"  # ---- {current} {areas.get(current, '')} "
            add(head + "-" * max(3, 79 - len(head)))
        else:
            add("")
        add(f"  - kode: {q(ind['kode'])}")
        for key in ("nama", "area", "definisi", "rumus"):
            add(f"    {key}: {q(ind[key])}")
        add(f"    ukuran: {ind['ukuran']}")
        add(f"    satuan: {q(ind['satuan'])}")
        add(f"    polaritas: {ind['polaritas']}")
        add(f"    sumber_data: {q(ind['sumber_data'])}")
        add(f"    frekuensi: {ind['frekuensi']}")
        add(f"    penanggung_jawab: {q(ind['penanggung_jawab'])}"
            + "  # jabatan/peran, bukan nama orang")
        if ind["kode"] in base:
            value, n = base[ind["kode"]]
            add(f"    baseline: {_num(value)}  # realisasi {tahun - 1} dari register ({n} paket)")
        elif ind.get("catatan"):
            add("    baseline: null" + _isi(ind["catatan"]))
        elif tahun - 1 in klpd.tahun:
            add("    baseline: null" + _isi(f"baseline {tahun - 1} bila diketahui dari sumber lain "
                                           f"(register {tahun - 1} tidak memuat data untuk ukuran ini)"))
        else:
            add("    baseline: null" + _isi(f"baseline {tahun - 1} bila diketahui dari sumber lain; "
                                           f"biarkan null bila register {tahun - 1} akan dimuat "
                                           f"(dihitung otomatis)"))
        acuan = f"; acuan: {ind['acuan_target']}" if ind.get("acuan_target") else ""
        add(f"    target: {_num(ind['target'])}"
            + _isi(f"tetapkan target {tahun} (nilai ini target bawaan nasional, "
                   f"konfirmasi atau ganti{acuan})"))
        add("    rencana_aksi:")
        for ra in ind["rencana_aksi"]:
            add(f"      - kode: {q(ra['kode'])}")
            for key in ("uraian", "jadwal", "keluaran", "penanggung_jawab"):
                add(f"        {key}: {q(ra[key])}")
    return "\n".join(L) + "\n"


def _person(indent: str, who: str, jabatan: str, cont: str | None = None) -> list[str]:
    """nama/nip/jabatan/pangkat placeholders of one official (never a real-looking person)."""
    cont = cont if cont is not None else indent
    return [f"{indent}nama: {q('ISI: nama ' + who)}" + _isi(f"nama lengkap dan gelar {who}"),
            f"{cont}nip: {q('ISI: NIP ' + who)}" + _isi(f"NIP 18 digit {who}, di antara tanda kutip"),
            f"{cont}jabatan: {q(jabatan)}" + _isi(f"jabatan resmi {who}"),
            f"{cont}pangkat: {q('ISI: pangkat/golongan')}" + _isi(f"pangkat dan golongan {who}, "
                                                                  f"mis. Pembina (IV/a)")]


# --------------------------------------------------------------------------- the command

@dataclass
class InitResult:
    path: Path
    kd_klpd: str
    klpd: Klpd
    names: dict
    tahun: int
    store: Path
    registers: list[str]
    missing_registers: list[str]
    baselines: dict
    isi: int
    loads: list = field(default_factory=list)


def _store_text(path: Path) -> str:
    """The store path as written in data.store: relative to the project root when inside it."""
    try:
        return path.resolve().relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(path.resolve())


def _connect(store_path: Path, read_only: bool):
    import duckdb


    try:
        return store.connect(store_path, read_only=read_only)
    except duckdb.IOException as exc:
        raise InitError(f"Basis data {store_path} tidak dapat dibuka ({str(exc).splitlines()[0]}); "
                        f"tutup proses lain yang memakainya lalu ulangi.") from None


def _not_found(kode: str, store_path: Path, known: list) -> InitError:
    there = "; ".join(f"{k} {n or ''}".strip() for k, n in known[:8])
    more = f" …dan {len(known) - 8} lain" if len(known) > 8 else ""
    hint = f" (K/L/PD yang ada: {there}{more})" if known else ""
    return InitError(f"K/L/PD {kode} tidak ada di basis data {store_path}; muat unduhan LKPP "
                     f"dahulu dengan kinerja register{hint}.")


def create(out: str | Path, kd_klpd: str, tahun: int, store_path: str | Path,
           register_paths: list[str] | None = None, now: dt.datetime | None = None) -> InitResult:
    """Write the parameter file `out` for K/L/PD `kd_klpd` and `tahun`; return what was written.
    Raises InitError for anything the user must fix."""
    kode = str(kd_klpd).strip().upper()
    out = Path(out).expanduser()
    store_path = Path(store_path).expanduser().resolve()
    if not kode:
        raise InitError("Kode K/L/PD (--klpd) kosong: tulis kode LKPP, mis. D107.")
    if not 2000 <= tahun <= 2100:
        raise InitError(f"Tahun {tahun} di luar rentang 2000–2100.")
    if out.exists():
        raise InitError(f"Berkas {out} sudah ada; kinerja init tidak pernah menimpa berkas: "
                        f"pilih nama lain atau hapus berkas itu dahulu.")
    given = [Path(p).expanduser().resolve() for p in register_paths or []]
    absent = [str(p) for p in given if not p.exists()]
    if absent:
        raise InitError(f"Register tidak ditemukan: {', '.join(absent)}.")
    if not given and not store_path.exists():
        raise _not_found(kode, store_path, [])

    loads = []
    con = _connect(store_path, read_only=not given)
    try:
        if given:
            loads = register.load(con, given)
        klpd = find_klpd(con, kode)
        if klpd is None:
            raise _not_found(kode, store_path, known_klpd(con))
        if given:
            registers, missing = [str(p) for p in given], []
        else:
            registers, missing = recorded_registers(con, kode)
            if not registers:
                raise InitError(f"Berkas register K/L/PD {kode} yang tercatat di basis data "
                                f"{store_path} tidak ada lagi di disk; berikan lokasinya dengan "
                                f"--register.")
        cat = catalogue(tahun)
        scope = list(config.Metode().metode_dalam_lingkup)
        base = baselines(con, _indicators(cat), tahun, kode, scope, _areas(cat))
    finally:
        con.close()

    names = derive_names(klpd.nama)
    text = render(kd_klpd=kode, tahun=tahun, klpd=klpd, names=names, registers=registers,
                  store=_store_text(store_path), cat=cat, base=base,
                  made=now or dt.datetime.now())
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(out, "x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        raise InitError(f"Berkas {out} sudah ada; kinerja init tidak pernah menimpa berkas.") from None
    try:
        params = config.load(out)
    except config.ParameterError as exc:
        out.unlink()  # our own, just created: an invalid file must not stay behind
        raise RuntimeError(f"kinerja init menulis berkas parameter yang tidak sah (bug): {exc}") from None
    # The batch's own parameter checks (kinerja run): register locations exist.
    gone = [str(p) for p in params.register_files if not p.exists()]
    if gone or params.store_path != store_path:
        out.unlink()
        raise RuntimeError(f"kinerja init: register/basis data pada berkas tidak cocok (bug): "
                           f"{gone or params.store_path}")
    isi = sum(ISI in line for line in text.splitlines())
    return InitResult(out.resolve(), kode, klpd, names, tahun, store_path, registers, missing,
                      base, isi, loads)


def summary(r: InitResult) -> list[str]:
    """What was written, in Indonesian, one fact per line."""
    from collections import Counter

    lines = []
    if r.loads:
        count = Counter(x.status for x in r.loads)
        label = {"loaded": "dimuat", "unchanged": "tidak berubah", "outside": "di luar lingkup SOP",
                 "empty": "kosong", "rejected": "ditolak", "error": "gagal dibaca"}
        lines.append("Register: " + ", ".join(f"{count[k]} berkas {v}" for k, v in label.items()
                                               if count[k]) + ".")
        lines += [f"  ✗ {x.message}" for x in r.loads if x.status in ("error", "rejected")]
    lines.append(f"Berkas parameter ditulis: {r.path}")
    lines.append(f"K/L/PD: {r.kd_klpd} {r.klpd.nama} — {r.names['nama']}")
    lines.append(f"Satuan kerja (satker/OPD) di basis data: {len(r.klpd.satker)} "
                 f"(daftarnya tercantum sebagai komentar di berkas).")
    years = ", ".join(map(str, r.klpd.tahun)) or "tidak tercatat"
    lines.append(f"Tahun anggaran yang ditemukan: {years}.")
    if r.tahun not in r.klpd.tahun:
        lines.append(f"Perhatian: belum ada baris tahun {r.tahun} untuk {r.kd_klpd}; muat unduhan "
                     f"tahun itu dengan kinerja register sebelum kinerja kpi/run.")
    lines.append(f"Baseline dari realisasi {r.tahun - 1} di register: {len(r.baselines)} indikator"
                 + ("" if r.baselines else f" (data {r.tahun - 1} belum dimuat)") + ".")
    lines.append(f"Register paket di berkas: {', '.join(r.registers)}")
    if r.missing_registers:
        lines.append(f"Tidak dicantumkan ({len(r.missing_registers)} berkas tercatat di basis data "
                     f"tetapi tidak ada lagi di disk): {', '.join(r.missing_registers[:5])}"
                     + (" …" if len(r.missing_registers) > 5 else ""))
    lines.append(f"Basis data: {r.store}")
    lines.append(f"Baris yang harus dilengkapi (bertanda '# ISI:'): {r.isi}.")
    lines.append(f"Uji: kinerja kpi --params {r.path} --period {r.tahun}")
    return lines
