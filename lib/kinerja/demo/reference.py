"""Reference data of the demo register (Pemerintah Provinsi Kalimantan Timur): the OPD with
their real names and SIPD satker codes, share of packages and buyer profile; methods and jenis
with their mix and Pagu distributions; the busy months; place names and package-name templates;
the name pools of the fictional people and companies.
"""

from __future__ import annotations

import numpy as np

# kd_satker (SIPD style: urusan.bidang[.urusan.bidang...].unit.sub-unit), nama_satker,
# short name (package names, contract numbers), weight (share of packages), buyer profile.
OPD_ROWS = [
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
OPD: list[tuple[str, str]] = [(kd, nama) for kd, nama, *_ in OPD_ROWS]

METHODS = ("Tender", "Seleksi", "Tender Cepat", "Penunjukan Langsung", "Dikecualikan",
           "Pengadaan Langsung", "E-Purchasing")
TENDER, SELEKSI, CEPAT, PENUNJUKAN, DIKECUALIKAN, PL, EPURCHASING = range(7)
SHARES = (0.30, 0.08, 0.05, 0.05, 0.03, 0.35, 0.14)

JENIS = ("Barang", "Pekerjaan Konstruksi", "Jasa Konsultansi", "Jasa Lainnya")
BARANG, KONSTRUKSI, KONSULTANSI, LAINNYA = range(4)
# P(jenis | method), rows in METHODS order: Seleksi is how consultants are chosen.
JENIS_MIX = np.array([
    [.30, .50, .00, .20], [0, 0, 1, 0], [.35, .40, .00, .25], [.30, .15, .15, .40],
    [.40, .00, .00, .60], [.40, .15, .15, .30], [.85, .05, .00, .10]])
# How much more than its weight an OPD of a profile buys each jenis (Barang, Konstruksi,
# Konsultansi, Jasa Lainnya): PUPR gets the roads, hospitals the medical equipment.
BOOST = {"infra": (.5, 5, 4, .6), "rs": (2.5, .8, .4, 1.3), "edu": (1.5, 1.2, .5, .8),
         "agri": (1.5, .6, .8, .8), "office": (.8, .3, .8, 1.2)}

# Pagu (Rp) by method: median, log-sd, floor, ceiling. Tender methods start above the
# Pengadaan Langsung threshold (Perpres 12/2021: 200 jt; consultancy 100 jt).
PAGU_METHOD = np.array([
    (1.4e9, 1.0, 2.05e8, 5e10), (6e8, .8, 1.05e8, 5e9), (6e8, .7, 2.05e8, 1e10),
    (4e8, 1.0, 5e7, 1e10), (3e8, 1.2, 1e7, 1e10), (7e7, .8, 5e6, 2e8), (1.5e8, 1.3, 5e6, 2e10)])
PAGU_JENIS = np.array([(.8, 2e10), (1.6, 5e10), (.6, 5e9), (.7, 1.5e10)])  # median factor, ceiling

TENDER_MONTHS = np.array([7, 12, 14, 13, 11, 10, 8, 7, 6, 5, 4, 3], float)  # busy Q1-Q2
OTHER_MONTHS = np.array([5, 7, 8, 9, 9, 9, 9, 10, 10, 10, 9, 5], float)

ROMAN = np.array(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"])

KAB = ["Kota Samarinda", "Kota Balikpapan", "Kota Bontang", "Kab. Kutai Kartanegara",
       "Kab. Kutai Timur", "Kab. Kutai Barat", "Kab. Berau", "Kab. Paser",
       "Kab. Penajam Paser Utara", "Kab. Mahakam Ulu"]
RUAS = ["Samarinda - Bontang", "Bontang - Sangatta", "Sangatta - Bengalon",
        "Tenggarong - Kota Bangun", "Kota Bangun - Muara Muntai", "Loa Janan - Tenggarong",
        "Samarinda - Sanga-Sanga", "Muara Wahau - Sangatta", "Tanah Grogot - Batu Kajang",
        "Tanjung Redeb - Talisayan", "Talisayan - Batu Putih", "Sotek - Bongan",
        "Melak - Barong Tongkok", "Muara Badak - Marangkayu", "Simpang Pasir - Palaran",
        "Sepaku - Semoi", "Kembang Janggut - Kelekat", "Balikpapan - Handil"]
# Package name templates by jenis and buyer profile; the trailing {r}/{k}/{u} is a ruas jalan,
# a kabupaten/kota or the buying OPD. Consultancy plans or supervises the works.
BUILD = {
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
STUDY = ["Penyusunan Kajian Teknis {u}", "Penyusunan Masterplan {u}",
         "Penyusunan Dokumen Lingkungan {k}", "Studi Kelayakan {k}",
         "Penyusunan Rencana Induk Sistem Informasi {u}"]
GOODS = {
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
SERVICES = ["Jasa Kebersihan Gedung {u}", "Jasa Keamanan Gedung {u}",
            "Jasa Pemeliharaan Kendaraan Dinas {u}", "Sewa Kendaraan Operasional {u}",
            "Jasa Penyelenggaraan Kegiatan {u}", "Jasa Asuransi Barang Milik Daerah {u}",
            "Jasa Pemeliharaan Gedung dan AC {u}", "Jasa Layanan Internet {u}",
            "Jasa Percetakan dan Publikasi {u}", "Jasa Tenaga Pendukung Administrasi {u}"]
RS_SERVICES = ["Jasa Laundry Linen {u}", "Jasa Pengelolaan Limbah Medis {u}",
               "Jasa Pemeliharaan Alat Kesehatan {u}"]

MALE = ["Ahmad", "Muhammad", "Budi", "Agus", "Andi", "Rudi", "Hendra", "Syamsul", "Rahmat",
        "Fajar", "Yusuf", "Arief", "Dedi", "Eko", "Heri", "Irwan", "Joko", "Marwan", "Rizal",
        "Taufik", "Wahyu", "Zainal", "Abdul", "Haris", "Ilham", "Darmawan", "Aditya", "Bambang",
        "Syahrul", "Yudi", "Rusdi", "Akhmad", "Gusti", "Awang", "Hamdani", "Sofyan"]
FEMALE = ["Siti", "Nur", "Dewi", "Rina", "Sri", "Fitri", "Yuliana", "Novita", "Ratna", "Wulan",
          "Ayu", "Indah", "Putri", "Kartika", "Maya", "Nurul", "Rosita", "Herlina", "Mardiana",
          "Aisyah", "Dayang", "Fatimah", "Rahmi", "Lina"]
LAST = ["Saputra", "Hidayat", "Rahman", "Pratama", "Santoso", "Wijaya", "Nugroho", "Setiawan",
        "Kusuma", "Siregar", "Lubis", "Nasution", "Sinaga", "Manurung", "Syahputra", "Ramadhan",
        "Firdaus", "Hakim", "Anwar", "Effendi", "Iskandar", "Halim", "Mahmud", "Sulaiman",
        "Utomo", "Wibowo", "Gunawan", "Hartono", "Purnomo", "Tarigan", "Ramli", "Baharuddin",
        "Syarifuddin", "Yunus", "Idris", "Noor", "Aminuddin", "Ardiansyah", "Maulana",
        "Mulyadi", "Hamzah", "Rusli", "Samsudin", "Fauzi", "Rachmadi"]
TITLES = ["S.T.", "S.T., M.T.", "S.E.", "S.E., M.M.", "S.Kom.", "S.H.", "S.Sos.", "S.Pd., M.Pd.",
          "S.P.", "S.Hut., M.Si.", "S.AP.", "S.Kep., M.Kes.", "M.Si.", "S.Ak."]

CO1 = ["BORNEO", "MAHAKAM", "ETAM", "BENUA", "KUTAI", "BERAU", "PASER", "SANGATTA", "TENGGARONG",
       "KALTIM", "KHATULISTIWA", "NUSANTARA", "BUMI", "GRAHA", "SINAR", "CAHAYA", "BINTANG",
       "MEGA", "PANCA", "TRI", "DWI", "CIPTA", "PUTRA", "ANUGERAH", "BERKAH", "HARAPAN", "MITRA",
       "LAMIN", "RUHUI", "DELTA", "SAMUDRA", "TIRTA", "ARTHA", "PRIMA", "INTAN", "PERMATA",
       "GUNUNG", "TELUK", "BAHTERA", "MUARA"]
CO2 = ["KARYA", "MANDIRI", "BANGUN", "SARANA", "TEKNIK", "PERSADA", "MULIA", "AGUNG", "BUANA",
       "ABADI", "JAYA", "PERKASA", "LESTARI", "SEJAHTERA", "SENTOSA", "MAKMUR", "GEMILANG", "RAYA",
       "UTAMA", "INDAH", "KENCANA", "PERTIWI", "HUTAMA", "SAKTI", "BERSAMA", "TUNGGAL", "SELARAS",
       "MEDIKA", "TEKNOLOGI", "NIAGA"]
CO3 = ["JAYA", "UTAMA", "ABADI", "MANDIRI", "PERKASA", "LESTARI", "SENTOSA", "SEJAHTERA", "MAKMUR",
       "PRATAMA", "NUSANTARA", "INDONESIA", "GEMILANG", "BERSAUDARA", "KONSTRUKSI", "ENERGI"]
CO_KONSULTAN = ["KONSULTAN", "ENGINEERING", "CONSULTANT", "KONSULINDO", "REKAYASA", "DESAIN"]
NPWP_PREFIX = ["01", "02", "03", "31", "43", "53", "66", "70", "71", "72", "73", "74", "75", "76",
               "80", "81", "82", "83", "84", "85", "86", "90", "91", "92", "93", "94", "95", "96"]
KPP = ["721", "722", "723", "724", "725", "726", "727", "728", "421", "429", "442", "013", "054"]
KPP_W = np.array([14, 14, 10, 10, 8, 8, 8, 8, 3, 3, 3, 3, 3], float)
