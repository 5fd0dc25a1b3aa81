"""Format 15, Laporan Evaluasi Kinerja Pengadaan, described once (render/layout.py): its title
page, chapters, paragraphs, tables with their columns, headings and formats, the achievement
chart, the status texts and the signature block, built from the report stage's tables and the
stage results. The notebook shows the description (layout_html: HTML, PDF) and writes it to
Word (laporan_docx): neither adds or drops a heading, a column or a sentence.

A chapter is a function of the report's material (`Bahan`) returning a Section; CHAPTERS and
ANNEXES list them in reading order and `describe` numbers them, so a new chapter, table or
summary page is one function added to a list, and reaches every format.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kinerja.core import fmt
from kinerja.core.config import Parameters
from kinerja.core.periods import Period, data_per, incomplete
from kinerja.methods import (collection_quality, coverage, indicators, narrative, planning, pokja_text,
                             provider_scores, provider_text, register_quality, report, satisfaction_text)
from kinerja.methods.satisfaction import PELANGGAN
from kinerja.render import display, laporan_context
from kinerja.render.docx_primitives import signature_lines
from kinerja.render.layout import Bullets, Cover, Document, Figure, Paragraph, Section, Signatures, Table, columns

TITLE = "Laporan Evaluasi Kinerja Pengadaan Barang/Jasa"


@dataclass
class Bahan:
    """What the report is made of: the parameters, period and data date, and the report's tables
    (computed by the report stage from the earlier stages' results)."""
    params: Parameters
    period: Period
    data_date: object           # the store's data date (Context.data_date), None when unknown
    packages: pd.DataFrame      # the register's packages (Context.packages)
    out: Path                   # the run's folder (its list of input files)
    kpi: pd.DataFrame           # report.kpi_table
    tren: pd.DataFrame          # report.quarter_trend
    per_opd: pd.DataFrame       # report.breakdown per nama_satker
    per_metode: pd.DataFrame    # report.breakdown per metode
    pendorong: pd.DataFrame     # report.drivers
    rencana: pd.DataFrame       # report.action_plans
    ikm: pd.DataFrame           # report.ikm_table
    temuan: pd.DataFrame        # recommendations.generate
    usulan: pd.DataFrame        # report.next_year_targets
    mutu_register: dict         # register_quality.summary
    hasil: dict                 # the earlier stages' results (Context.upstream)
    cakupan: coverage.Coverage  # the year's procurement by channel (Context.coverage)
    grafik: list[Path] = field(default_factory=list)  # the achievement chart
    demo: bool = False
    draft: bool = False
    dibuat: dt.date = field(default_factory=dt.date.today)  # the report's own date

    @classmethod
    def of(cls, ctx, **tables) -> "Bahan":
        """From a stage context (pipeline.workbook.Context) and the report's tables."""
        tables.setdefault("cakupan", ctx.coverage)
        return cls(ctx.params, ctx.period, ctx.data_date, ctx.packages(), ctx.out, demo=ctx.demo,
                   draft=ctx.draft, **tables)

    @property
    def indeks(self) -> pd.Series:
        return self.hasil["04_indeks"].iloc[0]


def cover(b: Bahan) -> Cover:
    """The title page: letterhead, title, period, data date, revision and decision, the date."""
    u, dated = b.params.ukpbj, data_per(b.data_date)
    return Cover(instansi=u.instansi, ukpbj=u.nama, alamat=u.alamat_lengkap, kontak=u.kontak, judul=TITLE,
                 periode=b.period.nama + (" (kumulatif sejak awal tahun)" if b.period.quarter else ""),
                 data_per=dated[0].upper() + dated[1:], revisi=report.decision_text(b.params),
                 catatan=b.params.laporan.catatan, dibuat=f"Dibuat pada {fmt.tanggal(b.dibuat)}",
                 kota=f"{u.kota} {b.dibuat.year}", demo=register_quality.DEMO_BANNER if b.demo else "")


# --------------------------------------------------------------------------- chapters

def summary(b: Bahan) -> Section:
    """One page: the data date and coverage, the indicators by status, the findings that matter
    most (recommendations.ordered) and the decision asked of the leadership."""
    parts = narrative.executive_summary(b.params, b.period, b.kpi, b.temuan, coverage.lines(b.cakupan),
                                        report.decided(b.kpi))
    dated = ""
    if incomplete(b.period, b.data_date):
        dated = (f" {b.period.nama} belum selesai pada tanggal data, sehingga angkanya belum mencakup "
                 f"seluruh periode.")
    return Section("Ringkasan eksekutif", own_page=True).add(
        Paragraph(f"{b.params.ukpbj.nama} — {b.period.nama}" + (" (kumulatif sejak awal tahun)" if b.period.quarter
                                                                 else "") + f". {report.decision_text(b.params)}."
                  + dated),
        Paragraph("Data dan cakupan", bold=True), Bullets(parts["cakupan"]),
        Paragraph("Capaian indikator", bold=True), Bullets(parts["capaian"]),
        Paragraph("Temuan utama", bold=True), Bullets(parts["temuan"]) if parts["temuan"] else
        Paragraph("Tidak ada temuan."),
        Paragraph("Keputusan yang diminta", bold=True), Bullets(parts["keputusan"]))


def achievement(b: Bahan) -> Section:
    kpi = Table(display.kpi_rows(b.kpi), columns(
        {"kode": "Kode", "nama": "Indikator", "realisasi": "Realisasi", "target_teks": "Target",
         "capaian_teks": "Capaian", "status_teks": "Status", "pendamping_teks": "Juga diukur"},
        weights={"kode": 0.9, "nama": 2.2, "capaian_teks": 0.9, "status_teks": 1.8, "pendamping_teks": 3.2}))
    trend = report.trend_wide(b.tren).merge(b.kpi[["kode", "nama"]], on="kode")
    trend = Table(trend, columns(display.named_headings(trend, {"kode": "Kode", "nama": "Indikator"}),
                                 weights={"nama": 3.0}))
    return Section("Capaian indikator kinerja").add(
        Paragraph("Realisasi setiap indikator terhadap targetnya (target dan baseline dari Dokumen Perencanaan "
                  "Kinerja, Format 3). Status: Tercapai bila realisasi memenuhi target menurut polaritasnya, Perlu "
                  "perhatian bila berada dalam toleransi, Tidak tercapai di luar toleransi. Indikator yang "
                  "dinyatakan tercapai oleh pimpinan ditandai pada kolom status."),
        kpi, *[Figure(p, "Capaian indikator kinerja terhadap target") for p in b.grafik],
        Section("Tren per triwulan", level=2).add(
            Paragraph("Realisasi setiap triwulan tersendiri (bukan kumulatif). Indeks kepuasan diukur per tahun, "
                      "sehingga tidak memiliki nilai triwulan (per tahun); tanda – berarti belum ada data pada "
                      "triwulan itu."), trend))


def action_plans(b: Bahan) -> Section:
    return Section("Kemajuan rencana aksi").add(
        Paragraph("Jumlah rencana aksi dalam perencanaan dan laporan kemajuannya dari para penanggung jawab "
                  "(Format 4, Survei Teknis)."),
        Table(b.rencana, columns(
            {"kode": "Kode", "nama": "Indikator", "direncanakan": "Direncanakan", "dilaporkan": "Dilaporkan",
             "rata_persen": "Rata-rata selesai", "Selesai": "Laporan selesai", "Terkendala": "Terkendala",
             "keterangan": "Keterangan"},
            {"direncanakan": "angka", "dilaporkan": "angka", "rata_persen": "persen", "Selesai": "angka",
             "Terkendala": "angka"}, weights={"nama": 3.0, "keterangan": 1.6})))


def breakdown(b: Bahan) -> Section:
    methods = report.method_table(b.per_metode, b.kpi)
    opd = report.opd_summary(b.per_opd, b.pendorong, b.packages, b.params, b.period)
    shown = opd.head(display.SHOWN["opd"])
    drivers = (Bullets(narrative.driver_lines(b.pendorong)) if len(b.pendorong)
               else Paragraph("Tidak ada OPD yang jauh di bawah OPD lain pada indikator di bawah target."))
    return Section("Rincian per OPD dan per metode pemilihan").add(
        Paragraph(narrative.breakdown_note(b.params.metode.minimum_proses_banding)),
        Table(methods, columns(display.named_headings(methods, {"kode": "Kode"}))),
        Table(shown, columns(
            {"nama_satker": "OPD", "paket": "Paket", "pagu": "Pagu", "Tercapai": "Tercapai",
             "Perlu perhatian": "Perlu perhatian", "Tidak tercapai": "Tidak tercapai",
             "pendorong": "Jauh di bawah OPD lain"},
            {"paket": "angka", "pagu": "rupiah", "Tercapai": "angka", "Perlu perhatian": "angka",
             "Tidak tercapai": "angka"}, weights={"nama_satker": 2.6, "pagu": 2.0, "pendorong": 1.8}),
            caption=display.shown_caption(len(shown), len(opd), "OPD",
                                          ", urut menurut indikator di bawah target terbanyak")),
        drivers, mapping(b))


def mapping(b: Bahan) -> Section:
    pemetaan = b.hasil["01_pemetaan_area"]
    total = planning.mapping_total(b.packages, b.params, b.period.year)
    return Section("Pemetaan area strategis ke paket OPD", level=2).add(
        *[Paragraph(t) for t in report.area_mapping_text(b.params, b.period, b.packages)],
        Table(report.area_mapping(pemetaan, b.params), columns(
            {"area": "Kode", "area_nama": "Area strategis", "cakupan": "Cakupan paket", "indikator": "Indikator",
             "jumlah_opd": "OPD", "jumlah_paket": "Paket", "pagu": "Pagu"},
            {"jumlah_opd": "angka", "jumlah_paket": "angka", "pagu": "rupiah"},
            weights={"area_nama": 1.6, "cakupan": 2.0, "indikator": 1.3, "pagu": 1.8})),
        Paragraph(planning.mapping_total_text(total), note=True),
        Table(report.area_mapping_opd(pemetaan, b.params), columns(
            {"area": "Area", "nama_satker": "OPD", "jumlah_paket": "Paket", "pagu": "Pagu",
             "porsi_pagu": "Porsi pagu area"}, {"jumlah_paket": "angka", "pagu": "rupiah", "porsi_pagu": "persen"},
            weights={"nama_satker": 3.5, "pagu": 2.0})))


def providers(b: Bahan) -> Section:
    weak = provider_text.coach_weakest_first(b.hasil["04_penyedia"])
    shown = weak.head(display.SHOWN["penyedia"])
    if len(weak):
        listed = Table(shown, columns({"nama_penyedia": "Penyedia", "jumlah_paket": "Paket", "nilai": "Nilai",
                                       "kategori": "Kategori"}, {"jumlah_paket": "angka", "nilai": "desimal"},
                                      weights={"nama_penyedia": 4.0}),
                       caption=display.shown_caption(len(shown), len(weak), "penyedia berkategori Buruk dan Cukup",
                                                     "; daftar lengkap di Format 6."))
    else:  # none below Baik among those rated, or none rated at all (never 'none is Cukup or Buruk')
        listed = Paragraph(provider_text.no_coaching_text(b.hasil["04_penyedia"]))
    scored = b.hasil["04_penyedia_paket"]
    quality = provider_text.quality_text(b.hasil["04_mutu_penilaian"], b.hasil["04_selisih_sumber"], scored)
    return Section("Kinerja penyedia").add(
        Paragraph("Dari evaluasi kinerja penyedia (Format 5–7): penilaian resmi PPK di SIKaP (e-Kontrak), dan "
                  "Formulir Kinerja Penyedia (Format 5) untuk paket tanpa penilaian SIKaP."),
        Paragraph(narrative.provider_paragraph(b.indeks, b.period)),
        Paragraph(provider_text.sources_text(scored)), Paragraph(quality) if quality else None, listed,
        unrated(b))


def unrated(b: Bahan) -> Section:
    """The PPK with the most e-Kontrak contracts not yet rated in SIKaP (year to date for a quarter,
    as the register KPIs)."""
    per_ppk = provider_scores.unrated_by_ppk(b.packages, b.period, b.params.metode.metode_dalam_lingkup,
                                             cumulative=b.period.quarter is not None)
    rated = provider_scores.rated_any(b.packages)
    shown = provider_text.most_unrated(per_ppk)
    table = Table(shown, columns({k: v for k, v in provider_scores.PPK_HEADINGS.items() if k != "nip_ppk"},
                                 provider_scores.PPK_FORMATS, weights={"nama_ppk": 3.0}),
                  caption=display.shown_caption(len(shown), int((per_ppk["belum_dinilai"] > 0).sum()),
                                                "PPK dengan kontrak belum dinilai", ", terbanyak lebih dahulu."))
    return Section("Kontrak yang belum dinilai PPK di SIKaP", level=2).add(
        Paragraph(provider_text.unrated_text(per_ppk, rated)), table if rated and len(shown) else None)


def pokja(b: Bahan) -> Section:
    ranked, source, caption = pokja_text.pokja_section(b.hasil)
    per_pokja = (Table(ranked, columns(pokja_text.POKJA_COLUMNS, pokja_text.POKJA_FORMATS, pokja_text.POKJA_MISSING,
                                       weights={"nama_pokja": 3.0}), caption=caption)
                 if len(ranked) else Paragraph("Belum ada proses tender/seleksi yang dapat direkap per Pokja."))
    return Section("Kinerja Pokja Pemilihan").add(
        Paragraph("Dari evaluasi kinerja Pokja Pemilihan (Format 8–11): sumber datanya, rekap total UKPBJ per "
                  "metode, lalu rekap per Pokja dengan peringkat gabungan; setiap Pokja disebut dengan nama "
                  "anggotanya."),
        Paragraph(source),
        Table(b.hasil["05_total"], columns(
            {"metode": "Metode", "jumlah_paket": "Paket", "jumlah_proses": "Proses",
             "durasi_pemilihan": "Durasi (hari)", "pemilihan_tepat_waktu": "Tepat waktu",
             "tender_gagal": "Tender gagal", "peserta_tunggal": "Peserta tunggal", "efisiensi_hps": "Efisiensi HPS"},
            {"jumlah_paket": "angka", "jumlah_proses": "angka", "durasi_pemilihan": "desimal",
             "pemilihan_tepat_waktu": "persen", "tender_gagal": "persen", "peserta_tunggal": "persen",
             "efisiensi_hps": "persen"}, weights={"metode": 1.8})),
        per_pokja, laporan_context.failed_processes(b))


def satisfaction(b: Bahan) -> Section:
    answered = b.ikm[b.ikm["responden"].fillna(0) > 0]
    weakest = b.hasil["03_unsur_terlemah"]
    return Section("Kepuasan pelanggan (IKM)").add(
        Paragraph("Dari Survei Kepuasan Pelanggan (Format 12–14), PermenPANRB 14/2017, dengan selang kepercayaan "
                  "95% (bootstrap atas responden)."),
        Table(display.ikm_rows(answered, PELANGGAN), columns(
            {"kelompok": "Kelompok", "responden": "Responden", "ikm_konversi": "IKM konversi", "mutu": "Mutu",
             "kinerja": "Kinerja", "interval": "Selang 95%", "cukup": "Sampel memadai"},
            {"responden": "angka", "ikm_konversi": "desimal"}, weights={"kelompok": 1.6, "kinerja": 1.4}))
        if len(answered) else None,
        Table(weakest.assign(kelompok=weakest["kelompok"].map(PELANGGAN)), columns(
            {"kelompok": "Kelompok", "peringkat": "Peringkat", "unsur": "Unsur", "nama": "Nama unsur",
             "konversi": "NRR konversi", "mutu": "Mutu"}, {"peringkat": "angka", "konversi": "desimal"},
            weights={"kelompok": 1.6, "nama": 3.0}), caption=satisfaction_text.weakest_caption())
        if len(weakest) else None,
        *[Paragraph(t) for t in narrative.ikm_paragraphs(b.ikm, b.period)])


def data_quality(b: Bahan) -> Section:
    steps = narrative.survey_steps(b.kpi, b.params, b.period, b.dibuat)
    registers = b.mutu_register
    lacking = registers["kekurangan"]
    return Section("Kualitas data pengumpulan").add(
        Paragraph("Kelengkapan dan ketepatan waktu pengumpulan Survei Teknis, penolakan baris formulir, cakupan "
                  "penilaian penyedia dan kecukupan sampel survei kepuasan."),
        Table(collection_quality.data_quality(b.hasil, b.kpi, b.period.year),
              columns({"aspek": "Aspek", "nilai": "Nilai", "keterangan": "Keterangan"},
                      weights={"aspek": 2.0, "nilai": 1.3, "keterangan": 3.0})),
        Paragraph("Survei yang belum ada dan jadwal pengumpulannya", bold=True) if steps else None,
        Bullets(steps) if steps else None,
        Section("Register paket", level=2).add(
            Paragraph("Berkas register, proses K/L/PD lain yang tidak dihitung, dan dataset yang belum ada. "
                      + register_quality.note(registers) + " Nilai yang ditandai (dianggap tidak ada) "
                      "dan alasannya per berkas, baris dan kolom tercantum pada laporan tahap Survei Teknis."),
            Table(registers["berkas"], columns(
                {k: h for k, h in register_quality.FILE_HEADINGS.items() if k not in ("ditolak", "alasan")},
                register_quality.FILE_FORMATS, weights={"berkas": 3.0, "dataset": 2.4, "status": 1.4,
                                                        "data_per": 1.4})),
            Table(lacking, columns({"kode": "Kode", "nama": "Indikator", "kekurangan": "Dataset yang belum ada"},
                                   weights={"nama": 2.0, "kekurangan": 3.0})) if len(lacking) else None),
        laporan_context.implausible(b))


def findings(b: Bahan) -> Section:
    table = (Table(b.temuan, columns({"no": "No", "topik": "Topik", "temuan": "Temuan", "rekomendasi": "Rekomendasi",
                                      "bukti": "Bukti"}, {"no": "angka"},
                                     weights={"no": 0.5, "topik": 1.2, "temuan": 3.0, "rekomendasi": 3.0, "bukti": 3.0}))
             if len(b.temuan) else Paragraph("Tidak ada temuan."))
    return Section("Temuan dan rekomendasi").add(
        Paragraph("Disusun dengan aturan dari data UKPBJ ini: indikator yang statusnya bertumpu pada data tidak "
                  "wajar, proses gagal menurut jenisnya, persaingan (peserta tunggal dan pendaftar yang tidak "
                  "menawar) per jenis pengadaan dan metode, konsentrasi pemenang, OPD dan Pokja yang jauh di bawah "
                  "yang lain (paling sedikit " + fmt.angka(b.params.metode.minimum_proses_banding) + " proses), "
                  "kontrak tanpa nilai PDN/UMK, indikator di bawah target, kepuasan pelanggan, penyedia, rencana "
                  "aksi dan kualitas data. Setiap temuan menyebut paket, OPD atau Pokja beserta angkanya, dan setiap "
                  "rekomendasi buktinya. Urutan: indikator yang statusnya bertumpu pada data tidak wajar lebih "
                  "dahulu, lalu menurut nilai rupiah paket yang disebut temuan (terbesar dahulu), lalu temuan "
                  "tanpa nilai rupiah menurut jumlah paketnya."), table)


def targets(b: Bahan) -> Section:
    return Section("Usulan target tahun berikutnya").add(
        Paragraph("Target yang tercapai dinaikkan ke realisasi bila realisasinya lebih baik (persentase paling "
                  "tinggi 100%); target yang belum tercapai atau dinyatakan tercapai oleh pimpinan dipertahankan. "
                  "Usulan ini menjadi bahan Dokumen Perencanaan Kinerja tahun berikutnya."),
        Table(display.target_rows(b.usulan), columns(display.target_headings(b.period.year),
                                                     weights={"nama": 2.6, "dasar": 2.6})))


def decision(b: Bahan) -> Section:
    decided = report.decided(b.kpi)
    pj, kota = b.params.pejabat, b.params.ukpbj.kota
    return Section("Keputusan pimpinan").add(
        Paragraph("Keputusan atas laporan dan per indikator setelah paparan: diterima, dikembalikan untuk "
                  "revisi, atau indikator dinyatakan tercapai."),
        Paragraph(narrative.decision_paragraph(report.decision_text(b.params), b.params, decided), bold=True),
        Table(decided, columns({"kode": "Kode", "nama": "Indikator", "status": "Status hitung",
                                "keputusan": "Keputusan", "catatan_keputusan": "Catatan"},
                               weights={"nama": 2.4, "catatan_keputusan": 2.6})) if len(decided) else None,
        Signatures(signature_lines(pj.koordinator, ["", "Disusun oleh:"],  # level with the date opposite
                                   as_role="Koordinator Tim Pengelola Kinerja Pengadaan"),
                   signature_lines(pj.kepala_ukpbj, [f"{kota}, ..................", "Disetujui oleh:"])))


def methods_annex(b: Bahan) -> Section:
    tolerance = float(b.kpi["toleransi"].iloc[0])
    return Section("Metode dan parameter").add(
        Paragraph("Definisi hitung setiap indikator (dengan cakupan area strategisnya bila area membatasi paket "
                  "yang dihitung) dan parameter metode yang dipakai untuk angka laporan ini."),
        Table(indicators.method_table(b.params.indikator, b.params.area_strategis), columns(
            {"kode": "Kode", "nama": "Indikator", "definisi_buku_kerja": "Definisi hitung",
             "dataset_sumber": "Dataset sumber", "satuan": "Satuan", "polaritas": "Polaritas"},
            weights={"kode": 0.9, "nama": 1.7, "definisi_buku_kerja": 4.5, "dataset_sumber": 2.0, "polaritas": 1.2})),
        Table(report.method_parameters(b.params, tolerance),
              columns({"parameter": "Parameter", "nilai": "Nilai"}, weights={"nilai": 2.0})))


def sources_annex(b: Bahan) -> Section:
    return Section("Sumber data").add(
        Paragraph("Berkas register yang dimuat beserta sidik jari SHA-256-nya, sehingga setiap angka dapat "
                  "ditelusuri ke berkas dan barisnya."),
        Table(report.data_sources(b.params, b.out), columns(
            {"berkas": "Berkas", "dataset": "Dataset", "baris": "Baris dimuat", "bytes": "Ukuran (bita)",
             "sha256": "SHA-256"}, {"baris": "angka", "bytes": "angka"},
            weights={"berkas": 2.4, "dataset": 1.6, "sha256": 4.2})))


CHAPTERS = (summary, achievement, action_plans, breakdown, laporan_context.outside_sop, providers, pokja, satisfaction,
            data_quality, findings, targets, decision)
ANNEXES = (methods_annex, sources_annex)


def describe(b: Bahan) -> Document:
    """The whole report: title page, numbered chapters, lettered annexes."""
    sections = []
    for n, chapter in enumerate(CHAPTERS, 1):
        s = chapter(b)
        s.title = f"{n}. {s.title}"
        sections.append(s)
    for letter, annex in zip("ABCDEFGH", ANNEXES):
        s = annex(b)
        s.title = f"Lampiran {letter}. {s.title}"
        sections.append(s)
    return Document(f"{TITLE} — {b.period.nama}", cover(b), sections, draft=b.draft)
