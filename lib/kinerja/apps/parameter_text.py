"""The text of a new parameter file (`kinerja init`): keys in the order and with the comments of
the shipped example (parameters/kaltim-2024.yaml). What only a person knows gets a placeholder
that passes validation and an `# ISI:` comment on its line saying what to fill in (`kinerja run`
refuses the file until they are filled); what comes from the workbook's defaults without a
national basis (goals, areas, indicator texts, action plans, targets) gets a `# USULAN:` comment
(the plan shows it as a proposal until the comment is deleted). kinerja.core.marks reads both.
"""

from __future__ import annotations

import datetime as dt

from kinerja.apps.klpd import Klpd
from kinerja.core import colours, config

ISI = "# ISI:"
USULAN = "# USULAN:"


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


def _usulan(text: str = "teks bawaan buku kerja; sesuaikan, lalu hapus komentar ini") -> str:
    return f"  {USULAN} {text}"


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
    add("# surat, nomor SOP) berisi nilai sementara: setiap baris itu diberi komentar yang")
    add("# diawali 'ISI:' di ujung barisnya. Cari teks tersebut, ganti nilainya, lalu hapus")
    add("# komentarnya; kinerja run menolak berkas ini selama masih ada baris 'ISI:' (kecuali")
    add("# dengan --draf: setiap halaman dokumen bertanda DRAF).")
    add("# Isian bawaan buku kerja tanpa dasar nasional (tujuan, area strategis, teks")
    add("# indikator, rencana aksi, target) diberi komentar 'USULAN:'. Dokumen Perencanaan")
    add("# (Format 3) menampilkannya sebagai \"Usulan, belum ditetapkan\" sampai UKPBJ")
    add("# menyesuaikan atau menetapkannya dengan menghapus komentar itu.")
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
    add("  # Nomor SOP Pengelolaan Kinerja Pengadaan yang ditetapkan UKPBJ (dasar hukum Format 1")
    add("  # dan 3); tulis '' bila UKPBJ belum menetapkan SOP sendiri: surat lalu hanya menyebut")
    add("  # SOP yang dijadikan acuan buku kerja ini.")
    add(f"  nomor_sop: {q('ISI: nomor SOP Pengelolaan Kinerja Pengadaan UKPBJ')}"
        + _isi("nomor SOP UKPBJ sendiri, atau '' bila belum ada"))
    add("  # Kode K/L/PD LKPP (kd_klpd pada unduhan ISB): baris register K/L/PD lain")
    add("  # tidak dihitung dalam indikator.")
    add(f"  kd_klpd: {q(kd_klpd)}")
    add("  # Warna kop untuk materi presentasi (.pptx): warna utama (pita judul, kepala tabel) dan")
    add("  # warna aksen (garis di bawah pita), kode #RRGGBB di antara tanda kutip.")
    add(f"  warna_utama: {q(colours.PRIMARY)}")
    add(f"  warna_aksen: {q(colours.ACCENT)}")
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
    add("  # OPD dan Pokja dibandingkan dengan bagian UKPBJ lainnya (rincian per OPD, temuan)")
    add("  # hanya pada indikator yang menghitung sedikitnya sekian prosesnya (definisi buku kerja).")
    add(f"  minimum_proses_banding: {metode.minimum_proses_banding}")
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
    add("  # Skala skor aspek penilaian SIKaP (bilangan bulat terendah–tertinggi) dan nilai")
    add("  # setiap aspek kontrak yang diputus karena kesalahan penyedia (nilai paket 0);")
    add("  # nilai lain ditandai di kualitas data dan penilaiannya tidak dipakai.")
    add("  skala_penyedia:")
    for k, v in metode.skala_penyedia.model_dump().items():
        add(f"    {k}: {v}")
    add("  # Bobot unsur IKM: '1/n' (tepat, bawaan) atau '0,11' (angka cetak")
    add("  # PermenPANRB 14/2017; metodologi §2). Cara yang dipakai disebut di Format 14.")
    add(f"  bobot_ikm: {q(metode.bobot_ikm)}")
    add("  # Perkiraan populasi responden, untuk ukuran sampel minimum Krejcie & Morgan")
    add("  # (metodologi §2): internal = OPD/PPK/Pokja, eksternal = penyedia.")
    add(f"  populasi_responden_internal: {metode.populasi_responden_internal}"
        + _usulan("angka bawaan; ganti dengan perkiraan jumlah pelanggan internal (PPK, Pokja, pejabat pengadaan)"))
    add(f"  populasi_responden_eksternal: {metode.populasi_responden_eksternal}"
        + _usulan("angka bawaan; ganti dengan perkiraan jumlah penyedia yang dilayani dalam setahun"))
    add("  # Survei Teknis: formulir paling lambat diterima pada tanggal ini di bulan")
    add("  # pengumpulan (Mei, Agustus, November, Januari); sesudahnya \"Terlambat\".")
    add(f"  batas_hari_pengumpulan: {metode.batas_hari_pengumpulan}")
    add("  # Batas atas (inklusif) IKM konversi untuk mutu D, C, B menurut tabel")
    add("  # PermenPANRB 14/2017. Jangan diubah tanpa dasar peraturan.")
    add(f"  batas_mutu_ikm: [{', '.join(str(v) for v in metode.batas_mutu_ikm)}]")
    add("  # Pemeriksaan kewajaran sebelum status (nilai bawaan buku kerja, bukan peraturan):")
    add("  # baris paket yang melanggarnya ditandai di kualitas data; indikator yang statusnya")
    add("  # berubah tanpa baris itu menyebutkannya, dan usulan target dihitung tanpa baris itu.")
    add("  kewajaran:")
    for k, v in metode.kewajaran.model_dump().items():
        add(f"    {k}: {v}")
    add("  # Frasa ket_ditutup/ket_diulang yang menandai proses dibatalkan karena anggaran atau")
    add("  # perubahan rencana: bukan pemilihan gagal (huruf besar/kecil diabaikan).")
    add("  frasa_pembatalan:")
    for phrase in metode.frasa_pembatalan:
        add(f"    - {q(phrase)}")
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
        + _usulan("nama unit/satuan pelaksana UKPBJ yang membawahi Pokja Pemilihan (Format 10)"))
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
               "# Pasal 4 dan Pasal 6). Kode dirujuk oleh area strategis. Teks bawaan buku\n"
               "# kerja (lib/kinerja/data/katalog_indikator.yaml): usulan untuk disesuaikan.")
    add("tujuan:")
    for t in cat["tujuan"]:
        add(f"  - kode: {q(t['kode'])}")
        add(f"    nama: {q(t['nama'])}" + _usulan())
    add("")
    L += _rule("# Area strategis: pengelompokan indikator di bawah satu tujuan.\n"
               "# cakupan memetakan area ke paket (SOP kedua, langkah 11):\n"
               "#   metode          : daftar metode pemilihan; kosong ([]) = semua metode dalam lingkup\n"
               "#   jenis_pengadaan : 'Barang', 'Pekerjaan Konstruksi', 'Jasa Konsultansi',\n"
               "#                     'Jasa Lainnya'; kosong ([]) = semua jenis")
    add("area_strategis:")
    for a in cat["area_strategis"]:
        add(f"  - kode: {q(a['kode'])}")
        add(f"    nama: {q(a['nama'])}" + _usulan())
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
               "#                lib/kinerja/core/config.py); setiap ukuran cukup dipakai sekali\n"
               "#   polaritas  : naik (makin tinggi makin baik) atau turun (makin rendah makin baik)\n"
               "#   frekuensi  : Triwulanan, Semesteran, atau Tahunan\n"
               f"#   baseline   : realisasi {tahun - 1} dari register bila datanya ada di basis\n"
               "#                data (buku kerja menghitungnya ulang dari data saat laporan\n"
               "#                dibuat); null = belum ada, isi untuk indikator hasil survei\n"
               f"#   target     : nilai yang hendak dicapai pada akhir tahun {tahun}; 'target bawaan\n"
               "#                nasional' hanya bila berpijak pada acuan nasional (PDN, UMK, peserta\n"
               "#                tunggal, IKM mutu B); selebihnya usulan buku kerja ('USULAN:')\n"
               "#   rencana_aksi: rencana aksi umum bawaan ('USULAN:'); sesuaikan dengan rencana UKPBJ")
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
            add(f"    {key}: {q(ind[key])}" + ("" if key == "area" else _usulan()))
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
        # A baseline left null is shown as not available: a hint, not a placeholder to refuse.
        elif ind.get("catatan"):
            add(f"    baseline: null  # isi bila diketahui: {ind['catatan']}")
        elif tahun - 1 in klpd.tahun:
            add(f"    baseline: null  # isi bila diketahui dari sumber lain (register {tahun - 1} tidak "
                f"memuat data untuk ukuran ini)")
        else:
            add(f"    baseline: null  # isi bila diketahui dari sumber lain; biarkan null bila register "
                f"{tahun - 1} akan dimuat (dihitung otomatis)")
        acuan = f" (acuan: {ind['acuan_target']})" if ind.get("acuan_target") else ""
        if ind.get("dasar_target"):
            add(f"    target: {_num(ind['target'])}  # target bawaan {ind['dasar_target']}{acuan}; "
                f"tetapkan target {tahun}")
        else:
            add(f"    target: {_num(ind['target'])}"
                + _usulan(f"target usulan buku kerja, tanpa acuan nasional{acuan}; tetapkan target {tahun}"))
        add("    rencana_aksi:" + _usulan("rencana aksi umum bawaan; sesuaikan dengan rencana UKPBJ"))
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
