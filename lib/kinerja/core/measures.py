"""Every measure the workbook computes, declared once: how it is computed on the package view,
what one counted unit is (per proses / per paket), the definition printed in F3, F15, F9–F11, the
dashboard and the what-if app, the register datasets it reads and which of them it cannot do
without, what it may and may not fall back on, and the action a report recommends when it is
off target. The parameter file's `ukuran`, the KPI engine (methods.indicators), the Pokja recaps
(methods.pokja), the data-quality check (methods.register_quality), the recommendations and the
result contracts all read this table; nothing else states a measure's facts.

A register measure is computed per row of the package view (one selection process) as
(counted?, numerator, denominator); the KPI is Σ numerator ÷ Σ denominator over the counted
rows (× scale). "Decided" follows the process state at the data date (inputs.processes): a
process still running then (status Berlangsung, or an award date after the data date) is no
winner and no failure yet, and a cancellation for budget or plan reasons is not a failed
selection. Definitions: methodology.md §3 (workbook definitions, "ours").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pandas as pd

Frame = pd.DataFrame

# Why a failed process failed (inputs.processes.failure_kinds); the failure measures count the
# first three, a cancellation for budget or plan reasons is not a failed selection.
FAILURE_KINDS = {"tanpa_penawaran": "tidak ada penawaran",
                 "tanpa_pemenang": "ada penawaran tetapi tidak ada pemenang",
                 "lainnya": "gagal karena alasan lain",
                 "dibatalkan": "dibatalkan karena anggaran atau perubahan rencana"}
CANCELLED = "dibatalkan"
# What the engine counts beside a value (realisation columns), per row as a number.
BESIDE = ("jumlah_berlangsung", "jumlah_dibatalkan", "jumlah_tanpa_nilai", "nilai_tanpa_nilai")


# --------------------------------------------------------------------------- process state

def _flag(values) -> pd.Series:
    values = pd.Series(values)
    return values if values.dtype == bool else values.fillna(False).astype(bool)


# The process state at the data date, as inputs.processes.state (and pokja.per_package, after a
# form's values) sets it: one yes/no column each, computed once per row.
def running(p: Frame) -> pd.Series:
    """Processes still running at the data date (status Berlangsung, or awarded after it)."""
    return _flag(p["berlangsung"])


def awarded(p: Frame) -> pd.Series:
    """Selection ended with a winner by the data date (processes.outcome)."""
    return _flag(p["menang"])


def failed(p: Frame) -> pd.Series:
    """Failed selections the failure measures count: Gagal by the data date, not a cancellation."""
    return _flag(p["gagal"])


def cancelled(p: Frame) -> pd.Series:
    """Processes closed for budget or plan reasons (ket_ditutup / ket_diulang)."""
    return _flag(p["dibatalkan"])


def announced(p: Frame) -> pd.Series:
    """Processes that went through a selection (tender or non-tender announcement)."""
    return p["kd_tender"].notna() | p["kd_nontender"].notna()


def decided(p: Frame) -> pd.Series:
    return awarded(p) | failed(p)


def last(p: Frame) -> pd.Series:
    """One row per package: its last process (a re-tender replaces the failed one)."""
    return _flag(p["proses_terakhir"])


def _f(mask, num, den):
    mask = _flag(mask)
    return (mask, pd.Series(num, index=mask.index).astype("float64").where(mask, 0.0),
            pd.Series(den, index=mask.index).astype("float64").where(mask, 0.0))


def _days(later: pd.Series, earlier: pd.Series) -> pd.Series:
    return (later.dt.normalize() - earlier.dt.normalize()).dt.days


# --------------------------------------------------------------------------- computations

def contracted(p):
    """The last process of a package, awarded, with a contract value."""
    return last(p) & awarded(p) & p["nilai_kontrak"].notna()


def efisiensi_pagu(p):
    return _f(contracted(p) & p["pagu"].gt(0), p["pagu"] - p["nilai_kontrak"], p["pagu"])


def efisiensi_hps(p):
    return _f(contracted(p) & p["hps"].gt(0), p["hps"] - p["nilai_kontrak"], p["hps"])


def tender_gagal(p):
    return _f(announced(p) & decided(p), failed(p), 1)


def tender_gagal_paket(p):
    return _f(announced(p) & last(p) & decided(p), failed(p), 1)


def tender_ulang(p):
    return _f(p["kd_tender"].notna() & last(p), p["paket_diulang"], 1)


def tender_ulang_proses(p):
    return _f(p["kd_tender"].notna() & p["versi_tender"].notna(), p["versi_tender"] > 1, 1)


def _offers(p):
    """Decided tender processes with at least one offer (PesertaTender: nilai_penawaran > 0)."""
    return p["kd_tender"].notna() & p["jumlah_peserta"].fillna(0).gt(0) & decided(p)


def rata_peserta(p):
    return _f(_offers(p), p["jumlah_peserta"], 1)


def rata_pendaftar(p):
    return _f(_offers(p), p["jumlah_pendaftar"], 1)


def peserta_tunggal(p):
    return _f(_offers(p), p["jumlah_peserta"] == 1, 1)


def durasi_pemilihan(p):
    days = _days(p["tgl_penetapan_pemenang"], p["tgl_pengumuman"])
    return _f(awarded(p) & days.notna() & days.ge(0), days, 1)


def pemilihan_tepat_waktu(p):
    award, plan = p["tgl_penetapan_pemenang"], p["tgl_akhir_pemilihan_rencana"]
    return _f(awarded(p) & award.notna() & plan.notna(), award.dt.normalize() <= plan.dt.normalize(), 1)


def _declared(p, column):
    return last(p) & awarded(p) & p["nilai_kontrak"].gt(0) & p[column].notna()


def porsi_pdn(p):
    return _f(_declared(p, "nilai_pdn_kontrak"), p["nilai_pdn_kontrak"], p["nilai_kontrak"])


def porsi_umk(p):
    return _f(_declared(p, "nilai_umk_kontrak"), p["nilai_umk_kontrak"], p["nilai_kontrak"])


def kontrak_tepat_waktu(p):
    done, end = p["tgl_serah_terima"], p["tgl_akhir_kontrak"]
    return _f(last(p) & done.notna() & end.notna(), done.dt.normalize() <= end.dt.normalize(), 1)


def porsi_kontrak_dinilai(p):
    # dinilai is missing while the register holds no rating at all: nothing to count, never 0%
    return _f(p["no_kontrak"].notna() & p["dinilai"].notna(), _flag(p["dinilai"]), 1)


# What is counted beside a value (BESIDE columns), per row.

def _running_processes(p):
    return {"jumlah_berlangsung": announced(p) & running(p)}


def _running_packages(p):
    return {"jumlah_berlangsung": announced(p) & last(p) & running(p)}


def _running_and_cancelled(p):
    return {**_running_processes(p), "jumlah_dibatalkan": announced(p) & cancelled(p)}


def _running_and_cancelled_packages(p):
    return {**_running_packages(p), "jumlah_dibatalkan": announced(p) & last(p) & cancelled(p)}


def _tenders_running(p):
    return {"jumlah_berlangsung": p["kd_tender"].notna() & running(p)}


def _unknown(column):
    def beside(p):
        blank = last(p) & awarded(p) & p["nilai_kontrak"].gt(0) & p[column].isna()
        return {"jumlah_tanpa_nilai": blank, "nilai_tanpa_nilai": p["nilai_kontrak"].where(blank, 0.0)}
    return beside


# --------------------------------------------------------------------------- declarations

@dataclass(frozen=True)
class Measure:
    compute: Callable | None       # (counted, numerator, denominator) per row; None: a survey
    basis: str                     # what one counted unit is: "paket", "proses" or "survei"
    definisi: str                  # the printed definition
    cadangan: str = ""             # what it may and may not fall back on (printed after definisi)
    sumber: tuple[str, ...] = ()   # the datasets it reads (ISB names, or the survey format)
    # store tables it cannot do without: one of each group must hold rows, else it has no value
    perlu: tuple[tuple[str, ...], ...] = ()
    aksi: str = ""                 # what a report recommends when it is off target
    scale: float = 1.0
    pendamping: str | None = None  # the companion measure reported beside it
    label: str = ""                # how a companion is labelled beside its indicator
    beside: Callable | None = None  # BESIDE counts: rows left out, said beside the value
    per_triwulan: bool = True      # has a value per quarter (the satisfaction survey is yearly)
    survei: str | None = None      # the survey giving the value: penyedia (F5), internal, eksternal
    note: str = ""                 # a survey measure's source, where a register value would be
    pokja: bool = False            # also a column of the Pokja recaps (F9–F11)
    tanpa_nilai: str = ""          # the declared value a contract may lack (BESIDE jumlah_tanpa_nilai)
    # the same in words only, where definisi/cadangan name the register's fields: what leaders
    # read and sign (F3, F15, F16, the decks); the team's stage reports and the README keep the fields
    uraian: str = ""
    uraian_cadangan: str = ""

    @property
    def printed(self) -> str:
        """The definition with the register's field names: what it counts, then its fallbacks."""
        return " ".join(x for x in (self.definisi, self.cadangan) if x)

    @property
    def words(self) -> str:
        """The same definition in words only (no field names)."""
        return " ".join(x for x in (self.uraian or self.definisi, self.uraian_cadangan or self.cadangan) if x)


_HASIL = "SPSE-TenderSelesaiNilai / SPSE-NonTenderSelesai"
_VALUE = ("Nilai kontrak dari hasil pemilihan (pencatatan: total realisasi), bila kosong dari kontrak "
          "e-Kontrak; tidak pernah HPS, nilai penawaran atau pagu sebagai pengganti nilai kontrak.")
_AWARD = ("Tanggal penetapan dari hasil pemilihan, bila kosong dari Tender Selesai; tidak pernah dari "
          "jadwal tahapan, dan tanggal sesudah tanggal data berarti proses masih berlangsung.")
_FAILURE = ("Per proses pemilihan: proses gagal ÷ proses yang sudah diputuskan pada tanggal data "
            "(selesai dengan pemenang, atau gagal). Dihitung gagal: tidak ada penawaran, ada "
            "penawaran tetapi tidak ada pemenang, dan gagal karena alasan lain. Proses yang "
            "dibatalkan karena anggaran atau perubahan rencana (ket_ditutup/ket_diulang) bukan "
            "pemilihan yang gagal dan proses yang masih berlangsung belum diputuskan: keduanya tidak "
            "dihitung dan jumlahnya ditampilkan di samping nilai.")
_FAILURE_WORDS = _FAILURE.replace(" (ket_ditutup/ket_diulang)",
                                  " (menurut keterangan penutupan atau pengulangan proses)")
_BIDDERS = ("Penawar = baris SPSE-PesertaTender dengan nilai_penawaran lebih dari 0; tender tanpa "
            "baris peserta tidak dihitung (tidak pernah dianggap tanpa peserta).")
_BIDDERS_WORDS = ("Penawar = peserta tender yang memasukkan penawaran; tender tanpa data peserta tidak "
                  "dihitung (tidak pernah dianggap tanpa peserta).")
_SHARE = ("{x} = nilai {x} yang dinyatakan pada kontrak (bila terisi umumnya sama dengan nilai "
          "kontrak: pernyataan untuk seluruh kontrak). Σ nilai {x} ÷ Σ nilai kontrak atas paket selesai "
          "yang nilai {x}-nya diketahui; kontrak tanpa nilai {x} tidak dihitung, jumlah dan nilai "
          "kontraknya ditampilkan di samping.")
_SHARE_FROM = ("Nilai {x} dari hasil pemilihan, bila kosong dari kontrak e-Kontrak (addendum terakhir); "
               "sumber setiap nilai dicatat per paket. Nilai yang kosong di keduanya tidak pernah "
               "dihitung 0.")


def _share(compute, x: str, column: str, aksi: str) -> Measure:
    """A share of the contract value by a declared value (PDN, UMK)."""
    return Measure(compute, "paket", scale=100, beside=_unknown(column), tanpa_nilai=x,
                   definisi=_SHARE.format(x=x), cadangan=_SHARE_FROM.format(x=x),
                   sumber=(_HASIL, "SPSE-TenderEkontrak-2Kontrak"),
                   perlu=(("tender_hasil", "nontender", "kontrak", "pencatatan"),), aksi=aksi)


MEASURES: dict[str, Measure] = {
    "efisiensi_pagu": Measure(
        efisiensi_pagu, "paket", scale=100,
        definisi=("Σ(pagu − nilai kontrak) ÷ Σ pagu atas paket yang pemilihannya selesai dengan pemenang "
                  "pada tanggal data dan bernilai kontrak; satu paket dihitung sekali (proses terakhirnya), "
                  "sehingga pagu paket yang ditender ulang tidak terhitung dua kali."),
        cadangan="Pagu dari pengumuman, bila kosong dari RUP. " + _VALUE,
        sumber=("SPSE-TenderPengumuman", _HASIL), perlu=(("tender_hasil", "nontender", "pencatatan"),),
        aksi=("Perkuat reviu pagu dan HPS bersama PPK serta penjajakan pasar sebelum paket diserahkan "
              "kepada Pokja.")),
    "efisiensi_hps": Measure(
        efisiensi_hps, "paket", scale=100, pokja=True,
        definisi=("Σ(HPS − nilai kontrak) ÷ Σ HPS atas paket selesai yang bernilai kontrak dan ber-HPS "
                  "(proses terakhir tiap paket)."),
        cadangan="HPS hanya dari pengumuman atau hasil pemilihan, tidak pernah pagu. " + _VALUE,
        sumber=("SPSE-TenderPengumuman", _HASIL), perlu=(("tender_hasil", "nontender"),),
        aksi=("Susun HPS dari survei harga pasar dan harga kontrak sejenis; reviu HPS paket bernilai "
              "besar sebelum pengumuman.")),
    "tender_gagal": Measure(
        tender_gagal, "proses", scale=100, pendamping="tender_gagal_paket", pokja=True,
        beside=_running_and_cancelled, definisi=_FAILURE, uraian=_FAILURE_WORDS,
        cadangan=("Status dari pengumuman SPSE; jenis kegagalan dari daftar peserta (SPSE-PesertaTender), "
                  "bila tidak ada dari keterangan ditutup/diulang; tidak pernah menganggap proses yang "
                  "berlangsung sebagai selesai atau gagal."),
        sumber=("SPSE-TenderPengumuman", "SPSE-NonTenderPengumuman", "SPSE-PesertaTender"),
        perlu=(("tender", "nontender"),),
        aksi=("Telaah alasan gagal setiap paket dan reviu kelengkapan dokumen persiapan (spesifikasi, "
              "HPS, rancangan kontrak) sebelum pengumuman.")),
    "tender_gagal_paket": Measure(
        tender_gagal_paket, "paket", scale=100, label="per paket (proses terakhir gagal)",
        beside=_running_and_cancelled_packages,
        definisi=("Per paket (kd_pkt_dce): paket yang proses terakhirnya gagal ÷ paket yang proses "
                  "terakhirnya sudah diputuskan; jenis gagal yang dihitung sama dengan per proses."),
        uraian=("Per paket SPSE: paket yang proses terakhirnya gagal ÷ paket yang proses terakhirnya sudah "
                "diputuskan; jenis gagal yang dihitung sama dengan per proses."),
        sumber=("SPSE-TenderPengumuman", "SPSE-NonTenderPengumuman"), perlu=(("tender", "nontender"),)),
    "tender_ulang": Measure(
        tender_ulang, "paket", scale=100, pendamping="tender_ulang_proses", pokja=True,
        definisi=("Per paket (kd_pkt_dce): paket tender yang memiliki proses versi_tender > 1 (tender "
                  "ulang) ÷ paket tender, termasuk paket yang prosesnya masih berlangsung."),
        cadangan="versi_tender hanya dari pengumuman tender; tanpa pengganti.",
        uraian=("Per paket SPSE: paket tender yang ditender ulang (memiliki proses versi kedua atau "
                "berikutnya) ÷ paket tender, termasuk paket yang prosesnya masih berlangsung."),
        uraian_cadangan="Versi proses hanya dari pengumuman tender; tanpa pengganti.",
        sumber=("SPSE-TenderPengumuman",), perlu=(("tender",),),
        aksi=("Pantau paket berisiko diulang sejak pengumuman dan perbaiki dokumen pemilihan yang "
              "menyebabkan pengulangan.")),
    "tender_ulang_proses": Measure(
        tender_ulang_proses, "proses", scale=100, label="per proses tender (versi > 1)", pokja=True,
        definisi="Per proses tender: proses dengan versi_tender > 1 ÷ semua proses tender.",
        uraian="Per proses tender: proses tender ulang (versi kedua atau berikutnya) ÷ semua proses tender.",
        sumber=("SPSE-TenderPengumuman",), perlu=(("tender",),)),
    "rata_peserta": Measure(
        rata_peserta, "proses", pendamping="rata_pendaftar", pokja=True, beside=_tenders_running,
        definisi=("Rata-rata penawar per proses tender/seleksi, atas proses tender yang sudah diputuskan "
                  "dengan paling sedikit satu penawaran. " + _BIDDERS + " Pendaftar tanpa penawaran "
                  "tidak dihitung sebagai penawar (ditampilkan terpisah)."),
        uraian=("Rata-rata penawar per proses tender/seleksi, atas proses tender yang sudah diputuskan "
                "dengan paling sedikit satu penawaran. " + _BIDDERS_WORDS + " Pendaftar tanpa penawaran "
                "tidak dihitung sebagai penawar (ditampilkan terpisah)."),
        sumber=("SPSE-PesertaTender",), perlu=(("peserta",),),
        aksi="Perluas publikasi rencana tender dan tinjau persyaratan kualifikasi yang membatasi persaingan."),
    "rata_pendaftar": Measure(
        rata_pendaftar, "proses", label="pendaftar per tender (termasuk tanpa penawaran)",
        definisi=("Rata-rata pendaftar per proses tender (baris SPSE-PesertaTender dengan penyedia), atas "
                  "proses yang sama dengan rata-rata peserta."),
        uraian="Rata-rata penyedia yang mendaftar per proses tender, atas proses yang sama dengan rata-rata peserta.",
        sumber=("SPSE-PesertaTender",), perlu=(("peserta",),)),
    "peserta_tunggal": Measure(
        peserta_tunggal, "proses", scale=100, pokja=True, beside=_tenders_running,
        definisi=("Proses tender/seleksi dengan tepat satu penawaran ÷ proses tender/seleksi yang sudah "
                  "diputuskan dengan paling sedikit satu penawaran. " + _BIDDERS),
        uraian=("Proses tender/seleksi dengan tepat satu penawaran ÷ proses tender/seleksi yang sudah "
                "diputuskan dengan paling sedikit satu penawaran. " + _BIDDERS_WORDS),
        sumber=("SPSE-PesertaTender",), perlu=(("peserta",),),
        aksi=("Reviu setiap paket berpeserta tunggal sebelum penetapan pemenang, termasuk kewajaran "
              "persyaratan dan jangka waktu penawaran.")),
    "durasi_pemilihan": Measure(
        durasi_pemilihan, "proses", pokja=True, beside=_running_processes,
        definisi=("Hari kalender dari pengumuman sampai penetapan pemenang (non tender: selesai "
                  "pemilihan), rata-rata atas proses yang pemenangnya ditetapkan paling lambat pada "
                  "tanggal data; proses yang masih berlangsung tidak dihitung (jumlahnya ditampilkan)."),
        cadangan=_AWARD + " Penetapan sebelum pengumuman tidak dihitung (ditandai tidak wajar).",
        sumber=("SPSE-TenderPengumuman", "SPSE-TenderSelesai", "SPSE-NonTenderSelesai"),
        perlu=(("tender", "nontender"),),
        aksi="Tetapkan dan pantau standar waktu setiap tahapan pemilihan; bagi beban kerja Pokja secara merata."),
    "pemilihan_tepat_waktu": Measure(
        pemilihan_tepat_waktu, "proses", scale=100, pokja=True, beside=_running_processes,
        definisi=("Proses yang pemenangnya ditetapkan paling lambat pada akhir jadwal pemilihan di RUP ÷ "
                  "proses yang pemenangnya sudah ditetapkan pada tanggal data dan paketnya berjadwal di "
                  "RUP. SiRUP mencatat jadwal per bulan (tanggal 1): akhir jadwal adalah hari terakhir "
                  "bulan itu."),
        cadangan=("Jadwal hanya dari RUP-PaketPenyedia-Terumumkan (tgl_akhir_pemilihan); tanpa RUP "
                  "indikator ini tidak bernilai. Jadwal Tahapan Tender SPSE bukan rencana (diperbarui "
                  "setiap jadwal berubah) dan tidak pernah dipakai. " + _AWARD),
        uraian_cadangan=("Jadwal hanya dari rencana umum pengadaan (SiRUP, akhir jadwal pemilihan); tanpa "
                         "data SiRUP indikator ini tidak bernilai. Jadwal tahapan tender SPSE bukan rencana "
                         "(diperbarui setiap jadwal berubah) dan tidak pernah dipakai. " + _AWARD),
        sumber=("RUP-PaketPenyedia-Terumumkan", _HASIL), perlu=(("rup",),),
        aksi=("Selaraskan jadwal pemilihan di RUP dengan kesiapan dokumen persiapan dan kirim peringatan "
              "dini kepada PPK.")),
    "porsi_pdn": _share(porsi_pdn, "PDN", "nilai_pdn_kontrak", aksi=(
        "Periksa pencantuman kewajiban penggunaan produk dalam negeri/TKDN dalam dokumen pemilihan dan "
        "perbanyak produk dalam negeri di katalog elektronik.")),
    "porsi_umk": _share(porsi_umk, "UMK", "nilai_umk_kontrak", aksi=(
        "Cadangkan paket untuk usaha kecil dan koperasi sesuai Perpres 12/2021 dan dampingi UMK dalam "
        "registrasi dan penawaran.")),
    "kontrak_tepat_waktu": Measure(
        kontrak_tepat_waktu, "paket", scale=100,
        definisi=("Kontrak yang BAST terakhirnya ≤ tanggal akhir kontrak ÷ kontrak yang sudah "
                  "diserahterimakan."),
        uraian_cadangan=("Akhir kontrak tender = tanggal akhir kontrak sesudah addendum terakhir; bila tidak "
                         "sesudah tanggal awal kontrak, tanggal selesai pekerjaan pada SPMK (dokumen kontrak). "
                         "Non tender = tanggal selesai pekerjaan SPMK, bila kosong akhir kontrak. Tidak pernah "
                         "jadwal kontrak RUP."),
        cadangan=("Akhir kontrak tender = tgl_kontrak_akhir sesudah addendum terakhir; bila tidak sesudah "
                  "tanggal awal kontrak, tanggal selesai pekerjaan pada SPMK (dokumen kontrak). Non tender "
                  "= tanggal selesai pekerjaan SPMK, bila kosong akhir kontrak. Tidak pernah jadwal "
                  "kontrak RUP."),
        sumber=("SPSE-TenderEkontrak-4BAPBAST", "SPSE-TenderEkontrak-2Kontrak",
                "SPSE-TenderEkontrak-3SPMKSPP"), perlu=(("bast",), ("kontrak", "spmk")),
        aksi="Pantau kemajuan kontrak melalui e-Kontrak dan tindak lanjuti kontrak dengan deviasi bersama PPK."),
    "nilai_kinerja_penyedia": Measure(
        None, "survei", survei="penyedia",
        note="dari penilaian PPK di SIKaP (e-Kontrak), paket tanpa penilaian SIKaP dari Survei Teknis (Format 5)",
        definisi=("Rata-rata nilai paket yang dinilai pada periode ini: 30% kualitas dan kuantitas pekerjaan + "
                  "20% biaya + 30% waktu + 20% layanan (skala 1–3; kontrak diputus karena kesalahan penyedia = "
                  "0), Peraturan LKPP 4/2021. Nilai paket dari penilaian PPK di SIKaP (penilaian_kinerja_penyedia "
                  "kontrak e-Kontrak, versi kontrak terakhir) atas paket metode dalam lingkup SOP menurut tahun "
                  "anggaran paketnya dan triwulan pengumumannya; paket tanpa penilaian SIKaP dari Formulir Kinerja "
                  "Penyedia (Format 5) triwulannya. Cakupan area strategis tidak membatasi indikator ini: nilainya "
                  "rata-rata tepat indeks kinerja penyedia (Format 6–7)."),
        cadangan=("Penilaian SIKaP yang indikatornya tidak dikenal, tidak lengkap, ganda atau nilainya di luar "
                  "skala tidak dipakai dan ditandai di kualitas data (tidak pernah ditebak); bila SIKaP dan "
                  "Format 5 sama-sama menilai satu paket, nilai SIKaP yang dipakai dan selisihnya dicatat."),
        uraian=("Rata-rata nilai paket yang dinilai pada periode ini: 30% kualitas dan kuantitas pekerjaan + "
                "20% biaya + 30% waktu + 20% layanan (skala 1–3; kontrak diputus karena kesalahan penyedia = 0), "
                "Peraturan LKPP 4/2021. Nilai paket dari penilaian PPK di SIKaP (e-Kontrak, versi kontrak "
                "terakhir) atas paket metode dalam lingkup SOP; paket tanpa penilaian SIKaP dari Formulir Kinerja "
                "Penyedia (Format 5). Cakupan area strategis tidak membatasi indikator ini."),
        sumber=("SPSE-TenderEkontrak-2Kontrak", "SIKaP-PenilaianKinerjaPenyedia",
                "Format 5 (Survei Teknis)"),
        aksi="Bina penyedia berkategori Cukup dan Buruk dan sampaikan catatan kinerjanya kepada Pokja Pemilihan."),
    "porsi_kontrak_dinilai": Measure(
        porsi_kontrak_dinilai, "paket", scale=100,
        definisi=("Kontrak e-Kontrak yang sudah dinilai PPK di SIKaP ÷ kontrak e-Kontrak paket metode dalam "
                  "lingkup SOP pada periode ini (tahun anggaran paket; triwulan menurut tanggal pengumuman, "
                  "seperti indikator register lain). Dinilai = ada baris penilaian_kinerja_penyedia / "
                  "SIKaP-PenilaianKinerjaPenyedia untuk kode tender/non tender kontrak itu."),
        cadangan=("Penilaian yang indikator atau nilainya tidak dapat dipakai tetap dihitung dinilai (ditandai "
                  "di kualitas data); tanpa baris penilaian sama sekali di register indikator ini tidak bernilai, "
                  "tidak pernah 0%."),
        uraian=("Kontrak e-Kontrak yang sudah dinilai PPK di SIKaP ÷ kontrak e-Kontrak paket metode dalam lingkup "
                "SOP pada periode ini (tahun anggaran paket; triwulan menurut tanggal pengumuman)."),
        uraian_cadangan=("Penilaian yang isinya tidak dapat dipakai tetap dihitung dinilai (ditandai di kualitas "
                         "data); tanpa data penilaian SIKaP sama sekali indikator ini tidak bernilai, tidak pernah 0%."),
        sumber=("SPSE-TenderEkontrak-2Kontrak", "SPSE-NonTenderEkontrak-2Kontrak", "SIKaP-PenilaianKinerjaPenyedia"),
        perlu=(("kontrak",), ("penilaian",)),
        aksi=("Minta PPK menilai kinerja penyedia di SIKaP setelah kontrak mencapai pembayaran, dimulai dari PPK "
              "dengan kontrak belum dinilai terbanyak.")),
    "ikm_internal": Measure(
        None, "survei", survei="internal", per_triwulan=False,
        note="dari Survei Kepuasan Pelanggan (Format 12)",
        definisi=("IKM konversi = Σ NRR unsur × bobot × 25 atas jawaban responden internal, PermenPANRB "
                  "14/2017."), sumber=("Format 12 (Survei Kepuasan Internal)",),
        aksi=("Tindak lanjuti unsur pelayanan terlemah pelanggan internal dan laporkan tindak lanjutnya "
              "kepada responden.")),
    "ikm_eksternal": Measure(
        None, "survei", survei="eksternal", per_triwulan=False,
        note="dari Survei Kepuasan Pelanggan (Format 13)",
        definisi="IKM konversi = Σ NRR unsur × bobot × 25 atas jawaban penyedia, PermenPANRB 14/2017.",
        sumber=("Format 13 (Survei Kepuasan Eksternal)",),
        aksi=("Tindak lanjuti unsur pelayanan terlemah pelanggan eksternal dan laporkan tindak lanjutnya "
              "kepada responden.")),
}
NAMES = tuple(MEASURES)
