"""Demo package register: a deterministic, realistic SiRUP / SPSE / e-Kontrak export for
Pemerintah Provinsi Kalimantan Timur (Biro Pengadaan Barang/Jasa Setda Prov. Kaltim).

generate() writes one CSV per dataset kind and fiscal year (year-1 and year) with exactly the
column names of schemas.py, so the demo loads the same way as a real LKPP export. The values
copy the shapes of the real export (methodology.md §5, data/lkpp-isb-sample): floats with
optional cents, 'YYYY-MM-DD HH:MM:SS' dates, dotted SIPD satker codes, 11-digit kd_tender
ending in 000, ';'-joined Pokja members. A few cells are deliberately messy (Rupiah text,
Indonesian dates) because real exports are.

Everything is vectorised over packages with one numpy Generator(PCG64) stream per year, so the
same arguments give byte-identical files and a million packages a year is fine. OPD names and
satker code style are real; people and companies are fictional.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kinerja.core.fmt import BULAN
from kinerja.demo import demo_forms, demo_kepuasan, demo_penyedia
from kinerja.inputs import packages, register, store
from kinerja.inputs.schemas import BY_KIND

KINDS = ("rup", "tender", "tender_hasil", "nontender", "peserta", "kontrak", "bast")
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
MAX_PACKAGES = 4_000_000  # 8-digit kd_rup and the code ranges below hold this many a year

# --------------------------------------------------------------------------- reference data

# kd_satker (SIPD style: urusan.bidang[.urusan.bidang...].unit.sub-unit), nama_satker,
# short name (package names, contract numbers), weight (share of packages), buyer profile.
_OPD = [
    ("1.01.2.22.0.00.01.0000", "Dinas Pendidikan dan Kebudayaan", "Disdikbud", 10, "edu"),
    ("1.02.0.00.0.00.02.0000", "Dinas Kesehatan", "Dinkes", 6, "rs"),
    ("1.02.0.00.0.00.02.0001", "RSUD Abdul Wahab Sjahranie", "RSUD AWS", 8, "rs"),
    ("1.02.0.00.0.00.02.0002", "RSUD Kanujoso Djatiwibowo", "RSUD Kanujoso", 6, "rs"),
    ("1.02.0.00.0.00.02.0003", "RSJD Atma Husada Mahakam", "RSJD Atma Husada", 3, "rs"),
    ("1.03.1.04.0.00.03.0000", "Dinas Pekerjaan Umum, Penataan Ruang dan Perumahan Rakyat",
     "Dinas PUPR-PERA", 14, "infra"),
    ("1.04.0.00.0.00.04.0000", "Dinas Perumahan dan Kawasan Permukiman", "Disperkim", 4, "infra"),
    ("1.05.0.00.0.00.05.0000", "Satuan Polisi Pamong Praja", "Satpol PP", 1.5, "office"),
    ("1.05.0.00.0.00.06.0000", "Badan Penanggulangan Bencana Daerah", "BPBD", 1.5, "office"),
    ("1.06.0.00.0.00.07.0000", "Dinas Sosial", "Dinsos", 2, "office"),
    ("2.07.3.32.0.00.08.0000", "Dinas Tenaga Kerja dan Transmigrasi", "Disnakertrans", 1.5,
     "office"),
    ("2.08.2.12.0.00.09.0000", "Dinas Kependudukan, Pemberdayaan Perempuan dan Perlindungan Anak",
     "DKP3A", 1, "office"),
    ("2.09.3.27.0.00.10.0000", "Dinas Pangan, Tanaman Pangan dan Hortikultura", "DPTPH", 2, "agri"),
    ("2.11.0.00.0.00.11.0000", "Dinas Lingkungan Hidup", "DLH", 2, "office"),
    ("2.13.0.00.0.00.12.0000", "Dinas Pemberdayaan Masyarakat dan Pemerintahan Desa", "DPMPD", 1,
     "office"),
    ("2.15.0.00.0.00.13.0000", "Dinas Perhubungan", "Dishub", 4, "infra"),
    ("2.16.2.20.2.21.14.0000", "Dinas Komunikasi dan Informatika", "Diskominfo", 2.5, "office"),
    ("2.17.0.00.0.00.15.0000", "Dinas Koperasi dan Usaha Kecil dan Menengah", "Diskop UKM", 1,
     "office"),
    ("2.18.0.00.0.00.16.0000", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP",
     1, "office"),
    ("2.19.0.00.0.00.17.0000", "Dinas Kepemudaan dan Olahraga", "Dispora", 2, "office"),
    ("2.23.2.24.0.00.18.0000", "Dinas Perpustakaan dan Kearsipan", "DPK", 1, "edu"),
    ("3.25.0.00.0.00.19.0000", "Dinas Kelautan dan Perikanan", "DKP", 2, "agri"),
    ("3.26.0.00.0.00.20.0000", "Dinas Pariwisata", "Dispar", 1.5, "office"),
    ("3.27.0.00.0.00.21.0000", "Dinas Perkebunan", "Disbun", 2, "agri"),
    ("3.27.0.00.0.00.22.0000", "Dinas Peternakan dan Kesehatan Hewan", "DPKH", 1.5, "agri"),
    ("3.28.0.00.0.00.23.0000", "Dinas Kehutanan", "Dishut", 2, "agri"),
    ("3.29.0.00.0.00.24.0000", "Dinas Energi dan Sumber Daya Mineral", "Dinas ESDM", 1.5, "office"),
    ("3.30.3.31.0.00.25.0000", "Dinas Perindustrian dan Perdagangan", "Disperindag", 1.5, "office"),
    ("4.01.0.00.0.00.26.0000", "Sekretariat Daerah", "Setda", 4, "office"),
    ("4.01.0.00.0.00.27.0000", "Badan Penghubung", "Badan Penghubung", 0.8, "office"),
    ("4.02.0.00.0.00.28.0000", "Sekretariat DPRD", "Setwan", 3, "office"),
    ("5.01.0.00.0.00.29.0000", "Badan Perencanaan Pembangunan Daerah", "Bappeda", 1.5, "office"),
    ("5.02.0.00.0.00.30.0000", "Badan Keuangan dan Aset Daerah", "BKAD", 2, "office"),
    ("5.02.0.00.0.00.31.0000", "Badan Pendapatan Daerah", "Bapenda", 2.5, "office"),
    ("5.03.0.00.0.00.32.0000", "Badan Kepegawaian Daerah", "BKD", 1, "office"),
    ("5.04.0.00.0.00.33.0000", "Badan Pengembangan Sumber Daya Manusia", "BPSDM", 1.5, "edu"),
    ("5.05.0.00.0.00.34.0000", "Badan Riset dan Inovasi Daerah", "BRIDA", 1, "office"),
    ("6.01.0.00.0.00.35.0000", "Inspektorat Daerah", "Inspektorat", 1, "office"),
    ("8.01.0.00.0.00.36.0000", "Badan Kesatuan Bangsa dan Politik", "Kesbangpol", 1, "office"),
]
OPD: list[tuple[str, str]] = [(kd, nama) for kd, nama, *_ in _OPD]

METHODS = ("Tender", "Seleksi", "Tender Cepat", "Penunjukan Langsung", "Dikecualikan",
           "Pengadaan Langsung", "E-Purchasing")
TENDER, SELEKSI, CEPAT, PENUNJUKAN, DIKECUALIKAN, PL, EPURCHASING = range(7)
SHARES = (0.30, 0.08, 0.05, 0.05, 0.03, 0.35, 0.14)

JENIS = ("Barang", "Pekerjaan Konstruksi", "Jasa Konsultansi", "Jasa Lainnya")
BARANG, KONSTRUKSI, KONSULTANSI, LAINNYA = range(4)
# P(jenis | method), rows in METHODS order: Seleksi is how consultants are chosen.
_JENIS_MIX = np.array([
    [.30, .50, .00, .20], [0, 0, 1, 0], [.35, .40, .00, .25], [.30, .15, .15, .40],
    [.40, .00, .00, .60], [.40, .15, .15, .30], [.85, .05, .00, .10]])
# How much more than its weight an OPD of a profile buys each jenis (Barang, Konstruksi,
# Konsultansi, Jasa Lainnya): PUPR gets the roads, hospitals the medical equipment.
_BOOST = {"infra": (.5, 5, 4, .6), "rs": (2.5, .8, .4, 1.3), "edu": (1.5, 1.2, .5, .8),
          "agri": (1.5, .6, .8, .8), "office": (.8, .3, .8, 1.2)}

# Pagu (Rp) by method: median, log-sd, floor, ceiling. Tender methods start above the
# Pengadaan Langsung threshold (Perpres 12/2021: 200 jt; consultancy 100 jt).
_PAGU_METHOD = np.array([
    (1.4e9, 1.0, 2.05e8, 5e10), (6e8, .8, 1.05e8, 5e9), (6e8, .7, 2.05e8, 1e10),
    (4e8, 1.0, 5e7, 1e10), (3e8, 1.2, 1e7, 1e10), (7e7, .8, 5e6, 2e8), (1.5e8, 1.3, 5e6, 2e10)])
_PAGU_JENIS = np.array([(.8, 2e10), (1.6, 5e10), (.6, 5e9), (.7, 1.5e10)])  # median factor, ceiling

_TENDER_MONTHS = np.array([7, 12, 14, 13, 11, 10, 8, 7, 6, 5, 4, 3], float)  # busy Q1-Q2
_OTHER_MONTHS = np.array([5, 7, 8, 9, 9, 9, 9, 10, 10, 10, 9, 5], float)

_ROMAN = np.array(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"])

_KAB = ["Kota Samarinda", "Kota Balikpapan", "Kota Bontang", "Kab. Kutai Kartanegara",
        "Kab. Kutai Timur", "Kab. Kutai Barat", "Kab. Berau", "Kab. Paser",
        "Kab. Penajam Paser Utara", "Kab. Mahakam Ulu"]
_RUAS = ["Samarinda - Bontang", "Bontang - Sangatta", "Sangatta - Bengalon",
         "Tenggarong - Kota Bangun", "Kota Bangun - Muara Muntai", "Loa Janan - Tenggarong",
         "Samarinda - Sanga-Sanga", "Muara Wahau - Sangatta", "Tanah Grogot - Batu Kajang",
         "Tanjung Redeb - Talisayan", "Talisayan - Batu Putih", "Sotek - Bongan",
         "Melak - Barong Tongkok", "Muara Badak - Marangkayu", "Simpang Pasir - Palaran",
         "Sepaku - Semoi", "Kembang Janggut - Kelekat", "Balikpapan - Handil"]
# Package name templates by jenis and buyer profile; the trailing {r}/{k}/{u} is a ruas jalan,
# a kabupaten/kota or the buying OPD. Consultancy plans or supervises the works.
_BUILD = {
    "infra": ["Peningkatan Jalan Ruas {r}", "Rehabilitasi Jalan Ruas {r}",
              "Pemeliharaan Berkala Jalan Ruas {r}", "Pembangunan Jembatan Ruas {r}",
              "Pembangunan Drainase Perkotaan {k}", "Pengendalian Banjir {k}",
              "Pembangunan Sistem Penyediaan Air Minum {k}", "Pembangunan Rumah Layak Huni {k}",
              "Penataan Kawasan Permukiman Kumuh {k}", "Pembangunan Dermaga Penyeberangan {k}"],
    "rs": ["Pembangunan Gedung Rawat Inap {u}", "Rehabilitasi Ruang Operasi {u}",
           "Pembangunan Gedung Instalasi Gawat Darurat {u}", "Renovasi Ruang ICU {u}",
           "Pembangunan Instalasi Pengolahan Air Limbah {u}"],
    "edu": ["Pembangunan Ruang Kelas Baru SMA Negeri {k}",
            "Rehabilitasi Ruang Kelas SMK Negeri {k}", "Pembangunan Laboratorium SMA Negeri {k}",
            "Rehabilitasi Asrama {u}", "Pembangunan Gedung Layanan {u}"],
    "agri": ["Pembangunan Jalan Produksi Perkebunan {k}", "Rehabilitasi Jaringan Irigasi {k}",
             "Pembangunan Pangkalan Pendaratan Ikan {k}", "Rehabilitasi Gedung Kantor {u}"],
    "office": ["Rehabilitasi Gedung Kantor {u}", "Pembangunan Gedung Arsip {u}",
               "Renovasi Ruang Rapat {u}", "Pembangunan Pagar dan Halaman Kantor {u}",
               "Rehabilitasi Rumah Jabatan {k}"],
}
_STUDY = ["Penyusunan Kajian Teknis {u}", "Penyusunan Masterplan {u}",
          "Penyusunan Dokumen Lingkungan {k}", "Studi Kelayakan {k}",
          "Penyusunan Rencana Induk Sistem Informasi {u}"]
_GOODS = {
    "rs": ["Pengadaan Alat Kesehatan {u}", "Pengadaan Obat-obatan dan BMHP {u}",
           "Pengadaan Bahan Makanan Pasien {u}", "Pengadaan Alat Laboratorium {u}",
           "Pengadaan Ambulans {u}", "Pengadaan Linen dan Perlengkapan Pasien {u}"],
    "edu": ["Pengadaan Meubelair SMA Negeri {k}", "Pengadaan Alat Praktik SMK Negeri {k}",
            "Pengadaan Peralatan TIK Sekolah {k}", "Pengadaan Buku Bacaan {u}",
            "Pengadaan Peralatan Laboratorium SMA Negeri {k}"],
    "agri": ["Pengadaan Bibit Tanaman Perkebunan {k}", "Pengadaan Benih Padi Unggul {k}",
             "Pengadaan Alat Mesin Pertanian {k}", "Pengadaan Sarana Budidaya Ikan {k}",
             "Pengadaan Pakan dan Obat Hewan {k}", "Pengadaan Bibit Rehabilitasi Hutan {k}"],
    "infra": ["Pengadaan Alat Berat {u}", "Pengadaan Material Pemeliharaan Jalan {k}",
              "Pengadaan Rambu dan Marka Jalan {k}",
              "Pengadaan Penerangan Jalan Umum Tenaga Surya {k}",
              "Pengadaan Pipa Jaringan Distribusi Air Minum {k}"],
    "office": ["Pengadaan Kendaraan Dinas Operasional {u}", "Pengadaan Komputer dan Laptop {u}",
               "Pengadaan Peralatan Jaringan dan Server {u}", "Pengadaan Meubelair Kantor {u}",
               "Pengadaan Alat Tulis Kantor {u}", "Pengadaan Peralatan Kantor {u}"],
}
_SERVICES = ["Jasa Kebersihan Gedung {u}", "Jasa Keamanan Gedung {u}",
             "Jasa Pemeliharaan Kendaraan Dinas {u}", "Sewa Kendaraan Operasional {u}",
             "Jasa Penyelenggaraan Kegiatan {u}", "Jasa Asuransi Barang Milik Daerah {u}",
             "Jasa Pemeliharaan Gedung dan AC {u}", "Jasa Layanan Internet {u}",
             "Jasa Percetakan dan Publikasi {u}", "Jasa Tenaga Pendukung Administrasi {u}"]
_RS_SERVICES = ["Jasa Laundry Linen {u}", "Jasa Pengelolaan Limbah Medis {u}",
                "Jasa Pemeliharaan Alat Kesehatan {u}"]

_MALE = ["Ahmad", "Muhammad", "Budi", "Agus", "Andi", "Rudi", "Hendra", "Syamsul", "Rahmat",
         "Fajar", "Yusuf", "Arief", "Dedi", "Eko", "Heri", "Irwan", "Joko", "Marwan", "Rizal",
         "Taufik", "Wahyu", "Zainal", "Abdul", "Haris", "Ilham", "Darmawan", "Aditya", "Bambang",
         "Syahrul", "Yudi", "Rusdi", "Akhmad", "Gusti", "Awang", "Hamdani", "Sofyan"]
_FEMALE = ["Siti", "Nur", "Dewi", "Rina", "Sri", "Fitri", "Yuliana", "Novita", "Ratna", "Wulan",
           "Ayu", "Indah", "Putri", "Kartika", "Maya", "Nurul", "Rosita", "Herlina", "Mardiana",
           "Aisyah", "Dayang", "Fatimah", "Rahmi", "Lina"]
_LAST = ["Saputra", "Hidayat", "Rahman", "Pratama", "Santoso", "Wijaya", "Nugroho", "Setiawan",
         "Kusuma", "Siregar", "Lubis", "Nasution", "Sinaga", "Manurung", "Syahputra", "Ramadhan",
         "Firdaus", "Hakim", "Anwar", "Effendi", "Iskandar", "Halim", "Mahmud", "Sulaiman",
         "Utomo", "Wibowo", "Gunawan", "Hartono", "Purnomo", "Tarigan", "Ramli", "Baharuddin",
         "Syarifuddin", "Yunus", "Idris", "Noor", "Aminuddin", "Ardiansyah", "Maulana",
         "Mulyadi", "Hamzah", "Rusli", "Samsudin", "Fauzi", "Rachmadi"]
_TITLES = ["S.T.", "S.T., M.T.", "S.E.", "S.E., M.M.", "S.Kom.", "S.H.", "S.Sos.", "S.Pd., M.Pd.",
           "S.P.", "S.Hut., M.Si.", "S.AP.", "S.Kep., M.Kes.", "M.Si.", "S.Ak."]

_CO1 = ["BORNEO", "MAHAKAM", "ETAM", "BENUA", "KUTAI", "BERAU", "PASER", "SANGATTA", "TENGGARONG",
        "KALTIM", "KHATULISTIWA", "NUSANTARA", "BUMI", "GRAHA", "SINAR", "CAHAYA", "BINTANG",
        "MEGA", "PANCA", "TRI", "DWI", "CIPTA", "PUTRA", "ANUGERAH", "BERKAH", "HARAPAN", "MITRA",
        "LAMIN", "RUHUI", "DELTA", "SAMUDRA", "TIRTA", "ARTHA", "PRIMA", "INTAN", "PERMATA",
        "GUNUNG", "TELUK", "BAHTERA", "MUARA"]
_CO2 = ["KARYA", "MANDIRI", "BANGUN", "SARANA", "TEKNIK", "PERSADA", "MULIA", "AGUNG", "BUANA",
        "ABADI", "JAYA", "PERKASA", "LESTARI", "SEJAHTERA", "SENTOSA", "MAKMUR", "GEMILANG", "RAYA",
        "UTAMA", "INDAH", "KENCANA", "PERTIWI", "HUTAMA", "SAKTI", "BERSAMA", "TUNGGAL", "SELARAS",
        "MEDIKA", "TEKNOLOGI", "NIAGA"]
_CO3 = ["JAYA", "UTAMA", "ABADI", "MANDIRI", "PERKASA", "LESTARI", "SENTOSA", "SEJAHTERA", "MAKMUR",
        "PRATAMA", "NUSANTARA", "INDONESIA", "GEMILANG", "BERSAUDARA", "KONSTRUKSI", "ENERGI"]
_CO_KONSULTAN = ["KONSULTAN", "ENGINEERING", "CONSULTANT", "KONSULINDO", "REKAYASA", "DESAIN"]
_NPWP_PREFIX = ["01", "02", "03", "31", "43", "53", "66", "70", "71", "72", "73", "74", "75", "76",
                "80", "81", "82", "83", "84", "85", "86", "90", "91", "92", "93", "94", "95", "96"]
_KPP = ["721", "722", "723", "724", "725", "726", "727", "728", "421", "429", "442", "013", "054"]
_KPP_W = np.array([14, 14, 10, 10, 8, 8, 8, 8, 3, 3, 3, 3, 3], float)

# --------------------------------------------------------------------------- small helpers


def _rng(*entropy) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(list(entropy)))


def _p(weights) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    return w / w.sum()


def _choose_by(rng, table, group) -> np.ndarray:
    """One category per row from the probability row of its group (loops over groups only)."""
    out = np.zeros(len(group), dtype=np.int64)
    for g in range(len(table)):
        rows = np.flatnonzero(group == g)
        if len(rows) and table[g].sum() > 0:
            out[rows] = rng.choice(table.shape[1], size=len(rows), p=_p(table[g]))
    return out


def _lognormal(rng, median, sigma, lo, hi) -> np.ndarray:
    """Log-normal values redrawn until inside [lo, hi]: truncation without piling up at bounds."""
    x = median * np.exp(sigma * rng.standard_normal(len(median)))
    for _ in range(60):
        bad = np.flatnonzero((x < lo) | (x > hi))
        if not len(bad):
            break
        x[bad] = median[bad] * np.exp(sigma[bad] * rng.standard_normal(len(bad)))
    return np.clip(x, lo, hi)


def _codes(rng, n, start, span) -> np.ndarray:
    """n increasing unique codes within [start, start + span): random gaps, like a live sequence."""
    gap = max(1, span // max(n, 1))
    return start + np.cumsum(rng.integers(1, gap + 1, n))


def _strs(values) -> pd.api.extensions.ExtensionArray:
    return pd.array(list(values), dtype="str")


def _take(values, idx) -> pd.Series:
    """Strings from a small pool by index; -1 gives a blank."""
    pool = values if isinstance(values, pd.api.extensions.ExtensionArray) else _strs(values)
    return pd.Series(pool.take(np.asarray(idx), allow_fill=True))


def _money(values) -> pd.Series:
    """Rupiah as the export writes them: '1250000' or '1399818654.61'; blank for NaN."""
    v = np.asarray(values, dtype=float)
    missing = np.isnan(v)
    cents = np.round(np.where(missing, 0, v) * 100).astype(np.int64)
    whole = pd.Series(cents // 100).astype("str")
    frac = pd.Series(cents % 100).astype("str").str.zfill(2)
    text = whole.where(cents % 100 == 0, (whole + "." + frac).str.rstrip("0"))
    return text.where(~missing)


def _rupiah_text(values) -> pd.Series:
    """'Rp 1.250.000.000,00' (how an analyst's spreadsheet shows money)."""
    cents = np.round(np.asarray(values, dtype=float) * 100).astype(np.int64)
    s = pd.Series(cents // 100).astype("str").str.zfill(15)
    dotted = s.str[0:3]
    for i in range(3, 15, 3):  # five groups of three digits; leading zeros stripped below
        dotted = dotted + "." + s.str[i:i + 3]
    return "Rp " + dotted.str.lstrip("0.") + "," + pd.Series(cents % 100).astype("str").str.zfill(2)


def _indonesian_date(days) -> pd.Series:
    """'21 Maret 2024'."""
    d = np.asarray(days).astype("datetime64[D]")
    months = d.astype("datetime64[M]")
    years = d.astype("datetime64[Y]")
    day = (d - months.astype("datetime64[D]")).astype(np.int64) + 1
    month = (months - years.astype("datetime64[M]")).astype(np.int64)
    return (pd.Series(day).astype("str") + " " + _take(BULAN, month) + " "
            + pd.Series(years.astype(np.int64) + 1970).astype("str"))


def _day(text: str) -> int:
    return int(np.datetime64(text, "D").astype(np.int64))


def _workday(days) -> np.ndarray:
    """Saturday and Sunday move back to Friday (1970-01-01, day 0, was a Thursday)."""
    weekday = (days + 3) % 7  # Monday = 0
    return days - np.where(weekday == 5, 1, np.where(weekday == 6, 2, 0))


def _month(days) -> np.ndarray:
    return np.asarray(days).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def _first(months) -> np.ndarray:
    return np.asarray(months).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def _last(months) -> np.ndarray:
    return _first(np.asarray(months) + 1) - 1


def _clock(rng, n, first_hour, last_hour) -> np.ndarray:
    """Office-hours time of day in seconds; half on the hour like scheduled SPSE events."""
    secs = rng.integers(first_hour, last_hour + 1, n) * 3600
    free = rng.random(n) < 0.5
    return secs + np.where(free, rng.integers(0, 3600, n), 0)


def _ts(days, secs=0, mask=None) -> np.ndarray:
    """datetime64[s] from day numbers and seconds; NaT where mask is False."""
    out = (np.asarray(days, dtype=np.int64) * 86400 + secs).astype("datetime64[s]")
    if mask is not None:
        out[~np.asarray(mask)] = np.datetime64("NaT")
    return out


def _round_money(rng, values, cents_share) -> np.ndarray:
    """Floor to whole Rupiah, or to the cent for a share of rows (never rounds upward)."""
    with_cents = rng.random(len(values)) < cents_share
    return np.where(with_cents, np.floor(values * 100) / 100, np.floor(values))


# --------------------------------------------------------------------------- pools


def _persons(rng, count) -> tuple[list[str], list[str]]:
    """Fictional civil servants: 'Nama, Gelar' and an 18-digit NIP (birth date, TMT, sex, no)."""
    names, nips, seen = [], [], set()
    while len(names) < count:  # loops over the ~130 staff, not over packages
        male = rng.random() < 0.62
        name = f"{rng.choice(_MALE if male else _FEMALE)} {rng.choice(_LAST)}"
        if name in seen:
            continue
        seen.add(name)
        birth = dt.date(1966, 1, 1) + dt.timedelta(days=int(rng.integers(0, 26 * 365)))
        tmt = min(birth.year + int(rng.integers(23, 31)), 2019)
        names.append(f"{name}, {rng.choice(_TITLES)}")
        nips.append(f"{birth:%Y%m%d}{tmt}{int(rng.choice([1, 3, 4, 12])):02d}"
                    f"{1 if male else 2}{int(rng.integers(1, 10)):03d}")
    return names, nips


def _staff(rng) -> dict:
    """1-3 PPK per OPD, 12 Pokja Pemilihan of 3 members, one pejabat pengadaan per OPD."""
    n_ppk = np.array([3 if w >= 6 else 2 if w >= 2 else 1 for *_, w, _ in _OPD])
    names, nips = _persons(rng, int(n_ppk.sum()) + 12 * 3 + len(_OPD))
    k = int(n_ppk.sum())
    members = [(names[k + 3 * g:k + 3 * g + 3], nips[k + 3 * g:k + 3 * g + 3]) for g in range(12)]
    return {
        "ppk_name": _strs(names[:k]), "ppk_nip": _strs(nips[:k]),
        "ppk_first": np.r_[0, np.cumsum(n_ppk)[:-1]], "ppk_count": n_ppk,
        "pokja_name": _strs(";".join(m) for m, _ in members),
        "pokja_nip": _strs(";".join(n) for _, n in members),
        "pp_name": _strs(names[k + 36:]),
    }


def _providers(rng, count) -> dict:
    """Provider pool: kd_penyedia, 'CV. …'/'PT. …' names, NPWP, consultant and small flags."""
    cls = np.arange(count) % 10  # a fixed mix, so every sub-pool exists even in a small pool
    konsultan = cls < 2
    small = (cls == 0) | ((cls >= 2) & (cls < 8))
    pt = ~small | (rng.random(count) < 0.2)
    form = np.where(pt, "PT.", "CV.")
    form = pd.Series(np.where(rng.random(count) < 0.9, np.char.add(form, " "), form), dtype="str")
    name = (_take(_CO1, rng.integers(0, len(_CO1), count)) + " "
            + _take(_CO2, rng.integers(0, len(_CO2), count)))
    third = _take(_CO3, rng.integers(0, len(_CO3), count))
    name = name.where(rng.random(count) < 0.5, name + " " + third)
    suffix = _take(_CO_KONSULTAN, rng.integers(0, len(_CO_KONSULTAN), count))
    name = form + name.where(~konsultan, name + " " + suffix)
    name = name.where(rng.random(count) > 0.05, name.str.title())  # as typed by some providers
    serial = pd.Series(rng.integers(0, 10**7, count)).astype("str").str.zfill(7)
    npwp = (_take(_NPWP_PREFIX, rng.integers(0, len(_NPWP_PREFIX), count)) + "." + serial.str[0:3]
            + "." + serial.str[3:6] + "." + serial.str[6:7] + "-"
            + _take(_KPP, rng.choice(len(_KPP), count, p=_p(_KPP_W))) + ".000")
    kd = _codes(rng, count, 100_000, 9_800_000)[rng.permutation(count)]
    return {"kd": kd, "name": name.array, "npwp": npwp.array, "konsultan": konsultan,
            "small": small}


def _zipf(rng, members, size, exponent) -> np.ndarray:
    """Members drawn with Zipf-like weights: a few providers win again and again."""
    if size == 0 or len(members) == 0:
        return np.zeros(size, dtype=np.int64)
    w = 1.0 / np.arange(1, len(members) + 1) ** exponent
    return members[rng.choice(len(members), size=size, p=w / w.sum())]


# --------------------------------------------------------------------------- one fiscal year


def _packages(rng, y: int, n: int, later: bool) -> dict:
    """All packages of a year as arrays, one element per package."""
    better = 1.0 if later else 0.0  # the later year is a little better on most KPIs
    method = rng.choice(len(METHODS), size=n, p=_p(SHARES))
    jenis = _choose_by(rng, _JENIS_MIX, method)
    by_jenis = np.array([[w * _BOOST[prof][j] for *_, w, prof in _OPD] for j in range(4)])
    opd = _choose_by(rng, by_jenis, jenis)

    med = _PAGU_METHOD[method, 0] * _PAGU_JENIS[jenis, 0]
    hi = np.minimum(_PAGU_METHOD[method, 3], _PAGU_JENIS[jenis, 1])
    hi = np.where((method == PL) & (jenis == KONSULTANSI), 1e8, hi)
    pagu = _lognormal(rng, med, _PAGU_METHOD[method, 1], _PAGU_METHOD[method, 2], hi)
    unit = np.where((pagu >= 1e8) & (rng.random(n) < 0.5), 1e6, 1e3)
    pagu = np.maximum(np.round(pagu / unit) * unit, 1e3)

    tender = method <= CEPAT
    nontender = (method == PENUNJUKAN) | (method == PL)
    start, end = _day(f"{y}-01-01"), _day(f"{y + 1}-01-01")  # end: first day after the year
    firsts = _first(_month(start) + np.arange(13))
    month = np.where(tender, rng.choice(12, n, p=_p(_TENDER_MONTHS)),
                     rng.choice(12, n, p=_p(_OTHER_MONTHS)))
    days_in_month = firsts[month + 1] - firsts[month]
    announce = firsts[month] + (rng.random(n) * days_in_month).astype(np.int64)

    # A repeated tender (versi 2, sometimes 3) is announced again weeks after the failed one.
    r = rng.random(n)
    versi = np.where(tender & (r < 0.11 - 0.03 * better), 2, 1)
    versi = np.where(tender & (r < 0.015), 3, versi)
    announce = announce + (versi - 1) * rng.integers(20, 45, n)
    announce = _workday(np.clip(announce, start + 5, end - 1))

    # Days from announcement to award: Seleksi longest, Tender Cepat and non-tender short.
    speed = 1.0 - 0.08 * better
    base = np.select([method == TENDER, method == SELEKSI, method == CEPAT, method == PENUNJUKAN],
                     [12, 25, 10, 4], 1)
    spread = np.select(
        [method == TENDER, method == SELEKSI, method == CEPAT, method == PENUNJUKAN],
        [rng.lognormal(np.log(16), 0.45, n), rng.lognormal(np.log(20), 0.45, n),
         rng.uniform(0, 15, n), rng.uniform(0, 17, n)], rng.uniform(0, 9, n))
    award = _workday(announce + np.minimum(base + np.round(spread * speed).astype(np.int64), 90))

    # Status as exported on 10 December: not yet awarded by then -> Berlangsung.
    ongoing = (tender | nontender) & (award >= end - 22)
    fail_p = np.where(tender, 0.095 - 0.02 * better, 0.03 - 0.01 * better)
    failed = (tender | nontender) & ~ongoing & (rng.random(n) < fail_p)
    done = (tender | nontender) & ~ongoing & ~failed

    # RUP plan, month-granular like SiRUP; ~80% of awards fall within the planned months.
    lead = np.where(tender | nontender, announce - rng.integers(0, 30, n),
                    firsts[month] + rng.integers(0, 28, n))
    plan_start = np.maximum(_month(lead), _month(start))
    on_time = rng.random(n) < 0.76 + 0.06 * better
    planned = np.select([method == SELEKSI, tender], [2, 1], 0) + rng.integers(0, 2, n)
    plan_end = np.where(done & on_time, _month(award + rng.integers(0, 21, n)),
                        np.where(done, _month(award) - rng.integers(1, 3, n),
                                 plan_start + planned))
    plan_end = np.clip(plan_end, _month(start), _month(end - 1))
    plan_start = np.minimum(plan_start, plan_end)
    plan_contract = np.minimum(plan_end + 1, _month(end - 1))
    months = np.select([jenis == KONSTRUKSI, jenis == KONSULTANSI, jenis == BARANG],
                       [rng.integers(3, 8, n), rng.integers(2, 6, n), rng.integers(1, 4, n)],
                       rng.integers(1, 12, n))
    plan_contract_end = np.minimum(plan_contract + months, _month(end - 1))

    # Values: HPS 95-100% of pagu, contract 80-99% of HPS (tenders cut deeper than direct awards).
    hps = _round_money(rng, pagu * (1 - 0.05 * rng.beta(1, 2.5, n)), 0.35)
    cut = np.select([method == TENDER, method == SELEKSI, method == CEPAT], [.40, .22, .38], .12)
    cut = cut + 0.07 * better
    ratio = 0.99 - 0.19 * rng.beta(cut * 8, (1 - cut) * 8)
    kontrak = _round_money(rng, hps * ratio, 0.4)
    # Offers: a quarter of contracts were negotiated down, a few offers were corrected.
    above = _round_money(rng, np.minimum(kontrak * (1 + 0.03 * rng.random(n)), hps), 0.4)
    terkoreksi = np.where(rng.random(n) < 0.25, above, kontrak)
    above = _round_money(rng, np.minimum(terkoreksi * (1 + 0.02 * rng.random(n)), hps), 0.4)
    penawaran = np.where(rng.random(n) < 0.1, above, terkoreksi)
    u = rng.random(n)
    blank, low, full = 0.04 - 0.01 * better, 0.08 - 0.03 * better, 0.20 + 0.05 * better
    pdn_share = np.select([u < blank, u < blank + low, u < blank + low + full],
                          [np.nan, rng.uniform(0.3, 0.85, n), 1.0], rng.uniform(0.85, 0.98, n))
    pdn = np.floor(kontrak * pdn_share)
    umk_p = np.select([kontrak < 1e9, kontrak < 2.5e9, kontrak < 1.5e10], [.85, .6, .35], .05)
    umk = rng.random(n) < np.where(method == PL, 0.95, umk_p) + 0.03 * better

    # Contract execution (e-Kontrak), exported at the end of January the next year.
    signed = np.minimum(award + np.where(tender, rng.integers(5, 22, n), rng.integers(0, 6, n)),
                        end - 1)
    signed = _workday(signed)
    length = np.select([jenis == KONSTRUKSI, jenis == KONSULTANSI, jenis == BARANG],
                       [rng.integers(60, 211, n), rng.integers(30, 151, n),
                        rng.integers(14, 91, n)], rng.integers(30, 301, n))
    contract_end = np.maximum(np.minimum(signed + length, end - 4), signed + 7)
    in_time = rng.random(n) < 0.75 + 0.05 * better
    early = np.minimum(rng.integers(0, 21, n), length // 3)
    late = np.clip(np.round(rng.lognormal(np.log(12), 0.8, n)), 1, 60).astype(np.int64)
    handover = np.where(in_time, contract_end - early, contract_end + late)
    handover = _workday(np.maximum(handover, signed + 1))
    putus = rng.random(n) < 0.02 - 0.005 * better
    finished = ~putus & (handover <= _day(f"{y + 1}-01-31"))
    addendum = rng.random(n) < np.where(in_time, 0.07, 0.45)

    return dict(
        method=method, jenis=jenis, opd=opd, pagu=pagu, tender=tender, nontender=nontender,
        versi=versi, announce=announce, award=award, ongoing=ongoing, failed=failed, done=done,
        plan_start=plan_start, plan_end=plan_end, plan_contract=plan_contract,
        plan_contract_end=plan_contract_end, hps=hps, kontrak=kontrak, terkoreksi=terkoreksi,
        penawaran=penawaran, pdn=pdn, umk=umk, signed=signed, contract_end=contract_end,
        handover=handover, putus=putus, finished=finished, addendum=addendum,
        announce_secs=_clock(rng, n, 8, 15), award_secs=_clock(rng, n, 9, 16),
        handover_secs=_clock(rng, n, 8, 15),
    )


def _names(rng, y, opd, jenis) -> pd.Series:
    """Package names from templates by jenis and the OPD's profile."""
    profile = [prof for *_, prof in _OPD]
    short = [s for _, _, s, _, _ in _OPD]
    templates, groups = [], {}
    for j in range(4):
        for prof in _BOOST:
            if j == KONSTRUKSI:
                tpl = _BUILD[prof]
            elif j == KONSULTANSI:
                tpl = [f"{work} {t}" for work in ("Perencanaan", "Pengawasan")
                       for t in _BUILD[prof]] + _STUDY
            elif j == BARANG:
                tpl = _GOODS[prof]
            else:
                tpl = _SERVICES + (_RS_SERVICES if prof == "rs" else [])
            groups[j, prof] = (len(templates), len(tpl))
            templates += tpl
    prof_of = np.array([list(_BOOST).index(p) for p in profile])[opd]
    offset = np.zeros(len(opd), np.int64)
    count = np.ones(len(opd), np.int64)
    for (j, prof), (first, size) in groups.items():
        rows = (jenis == j) & (prof_of == list(_BOOST).index(prof))
        offset[rows], count[rows] = first, size
    t = offset + (rng.random(len(opd)) * count).astype(np.int64)
    prefix = [tpl[:-4] for tpl in templates]  # every template ends with ' {r}', ' {k}' or ' {u}'
    slot = np.array([tpl[-2] for tpl in templates])[t]
    place = _take(_KAB, rng.integers(0, len(_KAB), len(opd)))
    place = place.where(slot != "r", _take(_RUAS, rng.integers(0, len(_RUAS), len(opd))))
    place = place.where(slot != "u", _take(short, opd))
    name = _take(prefix, t) + " " + place
    works = (jenis == KONSTRUKSI) | (jenis == KONSULTANSI)
    stage = rng.random(len(opd))
    name = name.where(~works | (stage > 0.06), name + " Tahap II")
    return name.where(works | (stage < 0.6), name + f" Tahun Anggaran {y}")


def _year(rng, y: int, n: int, later: bool, staff: dict, prov: dict, slot: int):
    """(kind, frame) for each dataset of fiscal year y, built from one package table."""
    p = _packages(rng, y, n, later)
    # Planning order: codes are handed out as packages are created, like the live systems.
    order = np.lexsort((rng.random(n), p["plan_start"]))
    p = {k: v[order] for k, v in p.items()}
    method, opd, jenis = p["method"], p["opd"], p["jenis"]
    names = _names(rng, y, opd, jenis)
    kd_rup = _codes(rng, n, 40_000_000 + 10_000_000 * slot, 10_000_000)
    ppk = staff["ppk_first"][opd] + (rng.random(n) * staff["ppk_count"][opd]).astype(np.int64)
    pokja = np.where(rng.random(n) < 0.7, opd % 12, rng.integers(0, 12, n))
    kd_satker, nama_satker = _strs(k for k, _ in OPD), _strs(s for _, s in OPD)

    # Winner: a consultant for consultancy, a small business when the contract counts as UMK.
    winner = np.full(n, -1, np.int64)
    spse_done = np.flatnonzero(p["done"])
    for kons in (False, True):
        for small in (False, True):
            fits = ((jenis[spse_done] == KONSULTANSI) == kons) & (p["umk"][spse_done] == small)
            rows = spse_done[fits]
            members = np.flatnonzero((prov["konsultan"] == kons) & (prov["small"] == small))
            winner[rows] = _zipf(rng, members, len(rows), 0.8)
    umk_value = np.where(p["umk"], p["kontrak"], np.nan)

    def common(rows):
        # kd_klpd 'DEMO': the reports tell demo data from the data itself
        return {"tahun_anggaran": np.full(len(rows), y), "kd_klpd": np.full(len(rows), "DEMO"),
                "nama_klpd": np.full(len(rows), "Provinsi Kalimantan Timur (data demo)"),
                "kd_satker": _take(kd_satker, opd[rows]),
                "nama_satker": _take(nama_satker, opd[rows])}

    def values(rows, done):
        source = {"nilai_penawaran": p["penawaran"], "nilai_terkoreksi": p["terkoreksi"],
                  "nilai_negosiasi": p["kontrak"], "nilai_kontrak": p["kontrak"],
                  "nilai_pdn_kontrak": p["pdn"], "nilai_umk_kontrak": umk_value}
        return {name: _money(np.where(done, v[rows], np.nan)) for name, v in source.items()}

    def provider(rows, done):
        w = np.where(done, winner[rows], -1)
        kd = pd.array(np.where(w >= 0, prov["kd"][w], 0), dtype="Int64")
        kd[w < 0] = pd.NA
        return {"kd_penyedia": kd, "nama_penyedia": _take(prov["name"], w),
                "npwp_penyedia": _take(prov["npwp"], w)}

    def frame(kind, cols):
        return kind, pd.DataFrame(cols).reindex(columns=BY_KIND[kind].names)

    # ---- RUP: every package
    all_rows = np.arange(n)
    excluded = method == DIKECUALIKAN
    yield frame("rup", {
        **common(all_rows), "kd_rup": kd_rup, "nama_paket": names, "pagu": _money(p["pagu"]),
        "metode_pengadaan": _take(METHODS, method), "jenis_pengadaan": _take(JENIS, jenis),
        "status_pdn": np.where((jenis == BARANG) & (rng.random(n) < 0.08), "Impor", "PDN"),
        "status_ukm": np.where(p["pagu"] <= 1.5e10, "UKM", "Non UKM"),
        "status_dikecualikan": np.where(excluded, "true", "false"),
        "tgl_awal_pemilihan": _ts(_first(p["plan_start"])),
        "tgl_akhir_pemilihan": _ts(_last(p["plan_end"])),
        "tgl_awal_kontrak": _ts(_first(p["plan_contract"])),
        "tgl_akhir_kontrak": _ts(_last(p["plan_contract_end"])),
        "nip_ppk": _take(staff["ppk_nip"], ppk), "nama_ppk": _take(staff["ppk_name"], ppk)})

    # SPSE jenis labels: consultancy says whether it is construction-related.
    jenis_spse = _strs(JENIS + ("Jasa Konsultansi Badan Usaha Konstruksi",
                                "Jasa Konsultansi Badan Usaha Non Konstruksi"))
    infra = np.array([prof == "infra" for *_, prof in _OPD])[opd]
    jenis_label = np.where(jenis == KONSULTANSI, np.where(infra, 4, 5), jenis)
    status_label = _strs(["Berlangsung", "Gagal/Batal", "Selesai"])
    status = np.where(p["ongoing"], 0, np.where(p["failed"], 1, 2))
    announced = _ts(p["announce"], p["announce_secs"])

    # ---- Tender (Tender, Seleksi, Tender Cepat)
    t = np.flatnonzero(p["tender"])
    kd_tender = _codes(rng, len(t), 10_000_000 + 4_500_000 * slot, 4_500_000) * 1000
    t_done = p["done"][t]
    awarded = _ts(p["award"][t], p["award_secs"][t], t_done)
    evaluasi = np.where(method[t] == SELEKSI,
                        np.where(rng.random(len(t)) < 0.85, "Kualitas dan Biaya", "Kualitas"),
                        "Harga Terendah Sistem Gugur")
    yield frame("tender", {
        **common(t), "kd_tender": kd_tender, "kd_rup": kd_rup[t],
        "nama_paket": names.iloc[t].values, "pagu": _money(p["pagu"][t]),
        "hps": _money(p["hps"][t]),
        "jenis_pengadaan": _take(jenis_spse, jenis_label[t]),
        "mtd_pemilihan": _take(METHODS, method[t]),
        "mtd_evaluasi": evaluasi, "status_tender": _take(status_label, status[t]),
        "versi_tender": p["versi"][t], "tgl_pengumuman_tender": announced[t],
        "tgl_penetapan_pemenang": awarded,
        "nip_ppk": _take(staff["ppk_nip"], ppk[t]), "nama_ppk": _take(staff["ppk_name"], ppk[t]),
        "nip_pokja": _take(staff["pokja_nip"], pokja[t]),
        "nama_pokja": _take(staff["pokja_name"], pokja[t])})

    # ---- Tender results: finished tenders only; a few pagu cells typed as Rupiah text.
    h = t[t_done]
    hasil_pagu = _money(p["pagu"][h])
    typed = rng.random(len(h)) < 0.03
    hasil_pagu[typed] = _rupiah_text(p["pagu"][h][typed]).values
    yield frame("tender_hasil", {
        **common(h), "kd_tender": kd_tender[t_done], "kd_rup": kd_rup[h], "pagu": hasil_pagu,
        "hps": _money(p["hps"][h]), **values(h, True),
        "tgl_pengumuman_tender": announced[h], "tgl_penetapan_pemenang": awarded[t_done],
        **provider(h, True)})

    # ---- Non-tender (Penunjukan Langsung, Pengadaan Langsung)
    nt = np.flatnonzero(p["nontender"])
    kd_nontender = _codes(rng, len(nt), 20_000_000 + 10_000_000 * slot, 10_000_000) * 1000
    nt_done = p["done"][nt]
    # Pengadaan Langsung is run by the OPD's pejabat pengadaan, Penunjukan Langsung by a Pokja.
    officer = _take(staff["pp_name"], opd[nt]).where(method[nt] == PL,
                                                     _take(staff["pokja_name"], pokja[nt]))
    yield frame("nontender", {
        **common(nt), "kd_nontender": kd_nontender, "kd_rup": kd_rup[nt],
        "nama_paket": names.iloc[nt].values, "pagu": _money(p["pagu"][nt]),
        "hps": _money(p["hps"][nt]), "jenis_pengadaan": _take(jenis_spse, jenis_label[nt]),
        "mtd_pemilihan": _take(METHODS, method[nt]),
        "status_nontender": _take(status_label, status[nt]),
        "tgl_pengumuman_nontender": announced[nt],
        "tgl_penetapan_pemenang": _ts(p["award"][nt], p["award_secs"][nt], nt_done),
        "nip_ppk": _take(staff["ppk_nip"], ppk[nt]), "nama_ppk": _take(staff["ppk_name"], ppk[nt]),
        "nama_pokja": officer, **values(nt, nt_done), **provider(nt, nt_done)})

    # ---- Bidders: 1 + Poisson per finished tender (~8% single bidder), a few for failed ones;
    # the winner is the first row, repeated providers within a tender are dropped.
    lam = np.select([jenis[t] == KONSTRUKSI, method[t] == SELEKSI], [2.8, 2.5], 2.1) + 0.25 * later
    count = np.where(t_done, 1 + rng.poisson(lam), rng.poisson(0.8, len(t)))
    count = np.where(p["ongoing"][t], 0, np.minimum(count, 12))
    ti = np.repeat(np.arange(len(t)), count)
    first = np.zeros(len(ti), bool)
    first[np.cumsum(count)[count > 0] - count[count > 0]] = True
    is_winner = first & t_done[ti]
    bidder = np.where(is_winner, winner[t][ti], -1)
    for kons in (False, True):
        rows = np.flatnonzero(~is_winner & ((jenis[t][ti] == KONSULTANSI) == kons))
        bidder[rows] = _zipf(rng, np.flatnonzero(prov["konsultan"] == kons), len(rows), 0.5)
    _, keep = np.unique(ti.astype(np.int64) * len(prov["kd"]) + bidder, return_index=True)
    keep = np.sort(keep)
    ti, bidder, is_winner = ti[keep], bidder[keep], is_winner[keep]
    offer = np.where(is_winner, p["penawaran"][t][ti],
                     _round_money(rng, p["hps"][t][ti] * rng.uniform(0.8, 1.0, len(ti)), 0.3))
    yield frame("peserta", {
        "tahun_anggaran": np.full(len(ti), y), "kd_klpd": np.full(len(ti), "DEMO"),
        "kd_tender": kd_tender[ti], "kd_penyedia": prov["kd"][bidder],
        "nama_penyedia": _take(prov["name"], bidder), "npwp_penyedia": _take(prov["npwp"], bidder),
        "nilai_penawaran": _money(offer), "pemenang": is_winner.astype(np.int8)})

    # ---- e-Kontrak: one contract per finished package (tender and non-tender).
    k = np.r_[h, nt[nt_done]]
    kd_paket = np.r_[kd_tender[t_done], kd_nontender[nt_done]]
    seq = pd.DataFrame({"opd": opd[k], "day": p["signed"][k]}).sort_values(
        ["opd", "day"], kind="stable").groupby("opd").cumcount() + 1
    seq = seq.sort_index().to_numpy()
    klas = np.where((jenis[k] == KONSTRUKSI) | (jenis[k] == KONSULTANSI), "602", "027")
    form = np.where((method[k] == PL) | (p["kontrak"][k] <= 2e8), "SPK", "SP")
    abbrev = [s.upper().replace(" ", "-") for _, _, s, _, _ in _OPD]
    month_no = _month(p["signed"][k]) - _month(_day(f"{y}-01-01"))
    no_kontrak = (pd.Series(klas, dtype="str") + "/" + pd.Series(seq).astype("str").str.zfill(4)
                  + "/" + pd.Series(form, dtype="str") + "/" + _take(abbrev, opd[k]) + "/"
                  + _take(_ROMAN, np.clip(month_no, 0, 11)) + f"/{y}")
    signed_text = pd.Series(_ts(p["signed"][k])).dt.strftime(DATE_FORMAT)
    typed = rng.random(len(k)) < 0.03
    signed_text[typed] = _indonesian_date(p["signed"][k][typed]).values
    fin, putus = p["finished"][k], p["putus"][k]
    yield frame("kontrak", {
        "tahun_anggaran": np.full(len(k), y), "kd_klpd": np.full(len(k), "DEMO"), "kd_paket": kd_paket,
        "no_kontrak": no_kontrak, "tgl_kontrak": signed_text, "nilai_kontrak": _money(p["kontrak"][k]),
        "status_kontrak": np.where(putus, "Putus", np.where(fin, "Selesai", "Berjalan")),
        "apakah_addendum": np.where(p["addendum"][k], "Ya", "Tidak"),
        "tgl_kontrak_akhir": _ts(p["contract_end"][k])})
    # e-Kontrak BAST: the handover of each finished contract
    b = np.flatnonzero(fin)
    yield frame("bast", {
        "tahun_anggaran": np.full(len(b), y), "kd_klpd": np.full(len(b), "DEMO"),
        "kd_paket": kd_paket[b], "no_kontrak": no_kontrak.iloc[b].values,
        "no_bast": ("BAST/" + no_kontrak.iloc[b]).values,
        "tgl_bast": _ts(p["handover"][k][b], p["handover_secs"][k][b], fin[b])})


# --------------------------------------------------------------------------- writing


def _text(value: str) -> pa.Scalar:
    return pa.scalar(value, pa.large_string())  # large: a file's text may exceed 2 GB


def _cell_text(series: pd.Series) -> pa.Array:
    """A column as CSV cell text: dates formatted, text quoted only where it must be."""
    col = pa.array(series)
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    if pa.types.is_timestamp(col.type):  # second precision casts to DATE_FORMAT text,
        col = col.cast(pa.timestamp("s"))  # 20x faster than pc.strftime
    col = col.cast(pa.large_string())
    special = pc.match_substring_regex(col, '[",\r\n]')
    if pc.any(special).as_py():
        quoted = pc.binary_join_element_wise(_text('"'), pc.replace_substring(col, '"', '""'),
                                             _text('"'), _text(""))
        col = pc.if_else(special, quoted, col)
    return col


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """The same bytes as frame.to_csv(index=False, date_format=DATE_FORMAT, lineterminator='\\n')
    (blanks for missing values, minimal quoting, numbers bare like the real export), built
    with pyarrow compute: pandas' writer took ~80% of the run time at a million packages."""
    with open(path, "wb") as fh:
        fh.write((",".join(frame.columns) + "\n").encode())
        for first in range(0, len(frame), 250_000):  # in batches: bounded memory at any size
            part = frame.iloc[first:first + 250_000]
            cells = [_cell_text(part[c]) for c in part.columns]
            lines = pc.binary_join_element_wise(*cells, _text(","), null_handling="replace")
            lines = pc.binary_join_element_wise(lines, _text(""), _text("\n"))  # ends with \n
            offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)
            start, stop = offsets[lines.offset], offsets[lines.offset + len(lines)]
            fh.write(memoryview(lines.buffers()[2])[start:stop])


# --------------------------------------------------------------------------- entry point


def generate(out_dir: Path, year: int = 2024, packages: int = 1500, seed: int = 2024) -> list[Path]:
    """Write the demo register for fiscal years year-1 and year (about `packages` packages a
    year) as `{kind}_{Y}.csv` files in out_dir and return their paths. Same arguments give
    byte-identical files."""
    if not 1 <= packages <= MAX_PACKAGES:
        raise ValueError(f"packages must be between 1 and {MAX_PACKAGES:,}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = _rng(seed)
    staff = _staff(rng)
    prov = _providers(rng, max(50, packages // 4))
    paths = []
    for slot, y in enumerate((year - 1, year)):
        n = packages if slot else max(1, round(packages * 0.95))
        for kind, df in _year(_rng(seed, y), y, n, bool(slot), staff, prov, slot):
            path = out_dir / f"{kind}_{y}.csv"
            write_csv(df, path)
            paths.append(path)
    return paths


def generate_surveys(register_dir: Path, year: int = 2024, seed: int = 2024,
                     params=None) -> list[Path]:
    """The survey side of the demo for the register in register_dir: `survei/` (F5 provider
    scores, F8 Pokja rows and F12/F13 satisfaction answers of both years, as an analyst's recap
    files) and, when a parameter file is given, `formulir/` (the four quarters' filled Survei
    Teknis forms of `year`, with a small share of deliberate mistakes for the intake to catch)."""

    register_dir = Path(register_dir)
    con = store.connect(":memory:")
    try:
        register.load(con, [register_dir])
        pk = packages.load_packages(con, params.metode.metode_dalam_lingkup if params else None)
    finally:
        con.close()
    survey_dir = register_dir / "survei"
    written = []
    for y in (year - 1, year):
        written += demo_penyedia.generate(survey_dir, pk, y, seed)
        written += demo_kepuasan.generate(survey_dir, y, seed, [name for _, name in OPD])
    if params is not None:
        written += demo_forms.generate(params, pk, register_dir / "formulir", year=year,
                                       seed=seed).files
    return written
