"""Chapters of Format 15 (render/laporan.py) that set the KPIs in their context: the year's
procurement outside the SOP's methods (methods.coverage), the failed processes by kind
(05_proses_gagal) and the package rows plausibility flags (02_kewajaran). Each is a function of
the report's material (`b`: laporan.Bahan) returning a Section of the one description."""

from __future__ import annotations

import pandas as pd

from kinerja.core import fmt
from kinerja.methods import coverage, failures, plausibility
from kinerja.methods.missing import NO_DATA
from kinerja.render import display
from kinerja.render.layout import Paragraph, Section, Table, columns


def outside_sop(b) -> Section:
    """Context, never a KPI: the year's procurement by channel, what the data support per
    channel (the declared measures applied to its rows) and outside-SOP procurement per OPD."""
    c = b.cakupan
    table = c.kanal.assign(sop=[coverage.sop_text(r) for r in c.kanal.itertuples()])
    lacking = [f"{r.nama}: {r.keterangan}" for r in c.kanal.itertuples() if r.keterangan]
    dropped = [f"{r.nama}: {fmt.angka(r.tidak_dihitung)} {coverage.BY_CODE[r.kanal].unit} dibatalkan atau gagal "
               f"tidak dihitung" for r in c.kanal.itertuples() if pd.notna(r.tidak_dihitung) and r.tidak_dihitung]
    planned, planned_pagu = c.rencana
    opd = c.opd
    return Section("Pengadaan di luar metode SOP").add(
        Paragraph("Seluruh pengadaan tahun ini dalam data per kanal, sebagai konteks: indikator kinerja SOP hanya "
                  "menghitung metode " + ", ".join(b.params.metode.metode_dalam_lingkup) + ". Angka bab ini tidak "
                  "masuk indikator mana pun. Nilai kontrak = nilai yang disepakati dengan penyedia: nilai kontrak "
                  "paket yang selesai dengan pemenang (pencatatan: total realisasi), nilai pesanan e-Katalog dan "
                  "nilai transaksi Toko Daring; pagu tidak pernah dijumlahkan dengan nilai kontrak."),
        *[Paragraph(t) for t in coverage.lines(c)],
        Table(table, columns(
            {"nama": "Kanal", "sop": "Dihitung indikator SOP", "paket": "Paket", "proses": "Proses/pesanan",
             "pagu": "Pagu", "nilai": "Nilai kontrak", "porsi_nilai": "Porsi nilai"},
            {"paket": "angka", "proses": "angka", "pagu": "rupiah", "nilai": "rupiah", "porsi_nilai": "persen"},
            weights={"nama": 2.0, "sop": 1.3, "paket": 0.8, "proses": 0.9, "pagu": 2.3, "nilai": 2.3,
                     "porsi_nilai": 0.9})),
        Paragraph(f"{NO_DATA}: " + "; ".join(lacking) + ".", note=True) if lacking else None,
        Paragraph("; ".join(dropped) + ".", note=True) if dropped else None,
        Paragraph(f"Selain itu {fmt.angka(planned)} paket RUP (pagu {fmt.rupiah(planned_pagu)}) belum memiliki "
                  f"proses pemilihan atau pencatatan pada tanggal data.", note=True) if planned else None,
        Section("Yang ditunjukkan data per kanal", level=2).add(
            Paragraph("Ukuran indikator yang sama diterapkan pada proses setiap kanal, sebagai konteks (bukan "
                      "indikator): proses gagal dari proses yang sudah diputuskan, efisiensi terhadap HPS atas "
                      "paket selesai ber-HPS, dan kontrak yang diserahterimakan paling lambat pada tanggal akhir "
                      "kontraknya (non tender: tanggal selesai pekerjaan pada SPMK)."),
            Table(c.konteks, columns(
                {"nama": "Kanal", "proses": "Proses", "berlangsung": "Masih berlangsung", "gagal": "Proses gagal",
                 "efisiensi_hps": "Efisiensi thd HPS", "tepat_waktu": "Kontrak tepat waktu"},
                {"proses": "angka", "berlangsung": "angka"},
                weights={"nama": 2.0, "gagal": 2.0, "efisiensi_hps": 1.6, "tepat_waktu": 2.0}))
            if len(c.konteks) else Paragraph("Belum ada proses pemilihan dalam data.")),
        Section("Per OPD", level=2).add(
            Paragraph("Pengadaan di luar metode SOP per OPD: proses Pengadaan Langsung, paket pencatatan non "
                      "tender, paket e-Katalog dan pesanan Toko Daring, dengan nilai kontraknya."),
            Table(opd, columns(
                {"nama_satker": "OPD", "pengadaan_langsung": "Pengadaan Langsung", "pencatatan": "Pencatatan",
                 "epurchasing": "e-Purchasing", "nilai": "Nilai kontrak", "porsi_nilai": "Porsi nilai"},
                {"pengadaan_langsung": "angka", "pencatatan": "angka", "epurchasing": "angka", "nilai": "rupiah",
                 "porsi_nilai": "persen"}, weights={"nama_satker": 3.0, "pengadaan_langsung": 1.4, "pencatatan": 1.3,
                                                     "epurchasing": 1.4, "nilai": 2.2, "porsi_nilai": 1.0}),
                caption=f"{fmt.angka(coverage.TOP_OPD)} OPD dengan nilai kontrak terbesar, lalu OPD lainnya "
                        f"digabung; tanda – berarti belum ada data kanal itu.") if len(opd)
            else Paragraph("Tidak ada pengadaan di luar metode SOP dalam data.")))


def failed_processes(b) -> Section:
    """The failed processes of the period by kind, the largest named (05_proses_gagal; the full
    list is in the Pokja stage's report)."""
    failed = b.hasil["05_proses_gagal"]
    largest = failed.sort_values("pagu", ascending=False, na_position="last").head(display.SHOWN["paket"])
    largest = largest.assign(alasan=largest["alasan"].map(failures.short_reason))
    return Section("Proses gagal menurut jenisnya", level=2).add(
        Paragraph(failures.summary_text(failed, b.period, failures.running(b.packages, b.period, b.params.metode.metode_dalam_lingkup))),
        Table(failures.by_kind(failed), columns(failures.KIND_HEADINGS, {"jumlah_proses": "angka"},
                                                weights={"jenis": 3.0})) if len(failed) else None,
        Table(largest, columns(
            {"nama_paket": "Nama paket", "nama_satker": "OPD", "jenis": "Jenis kegagalan", "pagu": "Pagu",
             "jumlah_pendaftar": "Pendaftar", "jumlah_peserta": "Penawaran", "alasan": "Keterangan pengumuman"},
            {"pagu": "rupiah", "jumlah_pendaftar": "angka", "jumlah_peserta": "angka"},
            weights={"nama_paket": 3.0, "nama_satker": 2.0, "jenis": 1.6, "pagu": 1.8, "alasan": 2.4}),
            caption=display.shown_caption(len(largest), len(failed), "proses gagal",
                                          ", urut menurut pagu; daftar lengkap pada laporan tahap Evaluasi "
                                          "Kinerja Pokja Pemilihan.")) if len(failed) else None)


def implausible(b) -> Section:
    """The package rows plausibility flags, by package name (02_kewajaran), with the indicators
    they can change."""
    flagged = b.hasil["02_kewajaran"]
    shown = flagged.head(display.SHOWN["penolakan"])
    return Section("Kewajaran data paket", level=2).add(
        Paragraph("Pemeriksaan sebelum status diberikan: " + plausibility.thresholds_text(b.params.metode.kewajaran)
                  + ". " + plausibility.note(flagged)),
        Table(shown.assign(indikator=plausibility.indicators_of(shown["ukuran"], b.kpi)), columns(
            {"nama_paket": "Nama paket", "nama_satker": "OPD", "pemeriksaan": "Pemeriksaan", "keterangan": "Nilai",
             "indikator": "Indikator terdampak"},
            weights={"nama_paket": 2.6, "nama_satker": 1.8, "pemeriksaan": 1.8, "keterangan": 2.6}),
            caption=display.shown_caption(len(shown), len(flagged), "baris yang ditandai",
                                          "; daftar lengkap pada laporan tahap Survei Teknis."))
        if len(flagged) else None)
