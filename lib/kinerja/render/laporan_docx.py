"""Format 15 as an editable Word document (.docx) for the final, signed version.

Built from the same tables the report notebook shows (report.py, recommendations.py), with the
letterhead, a title page, chapters, the approval page and the appendix on methods and data
sources; the layout helpers are the docx building blocks (docx_primitives.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from kinerja.core import fmt
from kinerja.core.config import Parameters
from kinerja.core.periods import Period
from kinerja.methods import indicators, missing, report
from kinerja.methods.register_quality import DEMO_BANNER
from kinerja.methods.pokja_text import POKJA_COLUMNS, POKJA_FORMATS, POKJA_MISSING
from kinerja.render import display
from kinerja.render import docx_primitives as d


@dataclass
class Isi:
    """What the report says: summary lines and the report's tables (already computed)."""
    ringkasan: list[str]
    kpi: pd.DataFrame               # report.kpi_table
    tren: pd.DataFrame              # report.trend_wide
    rencana: pd.DataFrame           # report.action_plans
    metode: pd.DataFrame            # report.method_table
    opd: pd.DataFrame               # report.opd_summary
    penyedia: list[str]
    pokja: pd.DataFrame             # 05_total
    ikm: pd.DataFrame               # report.ikm_table
    kualitas: pd.DataFrame          # collection_quality.data_quality
    survei: list[str]               # narrative.survey_steps: each missing survey and how to run it
    temuan: pd.DataFrame            # recommendations.generate
    usulan: pd.DataFrame            # report.next_year_targets
    parameter: pd.DataFrame         # report.method_parameters
    sumber: pd.DataFrame            # report.data_sources
    keputusan: str = ""
    gambar: list[Path] = field(default_factory=list)
    demo: bool = False
    pemetaan: pd.DataFrame = field(default_factory=pd.DataFrame)      # report.area_mapping
    pemetaan_opd: pd.DataFrame = field(default_factory=pd.DataFrame)  # report.area_mapping_opd
    pemetaan_teks: list[str] = field(default_factory=list)            # report.area_mapping_text
    pokja_rekap: pd.DataFrame | None = None  # pokja_text.pokja_section: per-Pokja rows,
    pokja_sumber: str = ""                    # the sentence naming their source,
    pokja_keterangan: str = ""                # and the table's caption


def _plain(line: str) -> str:
    """A report sentence without its Markdown code marks (commands read as typed)."""
    return line.replace("`", "")


def _text(value, satuan: str | None = None) -> str:
    if satuan is not None:
        return fmt.nilai(value, satuan)
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    return str(value)


def _cover(doc, params: Parameters, period: Period, keputusan: str, demo: bool = False) -> None:
    d.letterhead(doc, params)
    if demo:
        d.para(doc, DEMO_BANNER, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=12, after=4)
    d.para(doc, "", after=60)
    for text, size in (("LAPORAN EVALUASI KINERJA", 18), ("PENGADAAN BARANG/JASA", 18),
                       (period.nama.upper(), 14)):
        d.para(doc, text, bold=True, size=size, align=WD_ALIGN_PARAGRAPH.CENTER, after=4)
    if period.quarter:
        d.para(doc, "(kumulatif sejak awal tahun)", align=WD_ALIGN_PARAGRAPH.CENTER, after=4)
    d.para(doc, keputusan, align=WD_ALIGN_PARAGRAPH.CENTER, before=24, after=4)
    if params.laporan.catatan:
        d.para(doc, f"Catatan pimpinan: {params.laporan.catatan}", align=WD_ALIGN_PARAGRAPH.CENTER, after=4)
    d.para(doc, "", after=120)
    for text in (params.ukpbj.nama.upper(), f"{params.ukpbj.kota.upper()} {period.year + 1}"):
        d.para(doc, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=2)


def _table(doc, frame: pd.DataFrame, columns: dict[str, str], widths: Sequence[float],
           right: Sequence[int] = (), size: float = 8) -> None:
    rows = [[_text(v) for v in r] for r in frame[list(columns)].itertuples(index=False, name=None)]
    d.table(doc, list(columns.values()), rows, widths_cm=widths, right=right, size=size)
    d.para(doc, "", after=4)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, TOC) whose result Word computes; `placeholder` shows until then."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _contents_and_page_numbers(doc) -> None:
    """A table of contents (headings 1–2, filled in by Word when the file opens) and page
    numbers in the footer; the title page carries none."""
    title = d.para(doc, "DAFTAR ISI", bold=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    title.paragraph_format.page_break_before = True  # not a heading: it is not listed in itself
    _field(doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u',
           "Daftar isi diperbarui otomatis saat berkas dibuka (atau klik kanan → Perbarui bidang).")
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    # CT_Settings is a sequence: updateFields goes before these (Word rejects it elsewhere).
    doc.settings.element.insert_element_before(
        update, "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars",
        "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
        "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions",
        "w:readModeInkLockDown", "w:smartTagType", "w:shapeDefaults", "w:doNotEmbedSmartTags",
        "w:decimalSymbol", "w:listSeparator")
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Halaman ")
    _field(footer, "PAGE", "1")


def _heading(doc, text: str, level: int = 1, new_page: bool = True) -> None:
    h = doc.add_heading(text, level=level)
    if level == 1:
        h.paragraph_format.page_break_before = new_page
        h.alignment = WD_ALIGN_PARAGRAPH.LEFT


def _mapping(doc, isi: Isi) -> None:
    """Section 4's mapping of the strategic areas to the OPD packages (the plan's mapping)."""
    _heading(doc, "Pemetaan area strategis ke paket OPD", level=2)
    for line in isi.pemetaan_teks:
        d.para(doc, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=4)
    m = isi.pemetaan
    rows = [[r.area, r.area_nama, r.cakupan, r.indikator, fmt.angka(r.jumlah_opd),
             fmt.angka(r.jumlah_paket), fmt.rupiah(r.pagu, 0)] for r in m.itertuples()]
    d.table(doc, ["Kode", "Area strategis", "Cakupan paket", "Indikator", "OPD", "Paket", "Pagu"], rows,
            widths_cm=[1.4, 3.2, 3.9, 2.3, 1.1, 1.3, 3.3], right=(4, 5, 6), size=8)
    d.para(doc, "", after=4)
    o = isi.pemetaan_opd
    if len(o):
        _table(doc, o.assign(paket=[fmt.angka(v) for v in o["jumlah_paket"]],
                             pagu_teks=[fmt.rupiah(v, 0) for v in o["pagu"]],
                             porsi=[fmt.persen(v, 1) for v in o["porsi_pagu"]]),
               {"area": "Area", "nama_satker": "OPD", "paket": "Paket", "pagu_teks": "Pagu",
                "porsi": "Porsi pagu area"}, [1.6, 7.0, 1.6, 3.8, 2.5], right=(2, 3, 4))


def _pokja_table(doc, rekap: pd.DataFrame, caption: str) -> None:
    """The per-Pokja rows of F15 (pokja_text.POKJA_COLUMNS), missing values as the report says them."""

    shown = {"angka": fmt.angka, "persen": fmt.persen, "desimal": lambda v: fmt.angka(v, 2)}
    rows = []
    for r in rekap.itertuples(index=False):
        row = []
        for col in POKJA_COLUMNS:
            value = getattr(r, col)
            if pd.isna(value) and col in POKJA_MISSING:
                row.append(POKJA_MISSING[col])
            elif col in POKJA_FORMATS:
                row.append(shown[POKJA_FORMATS[col]](value))
            else:
                row.append(_text(value))
        rows.append(row)
    d.table(doc, list(POKJA_COLUMNS.values()), rows,
            widths_cm=[1.3, 2.6, 1.2, 1.5, 1.6, 1.6, 1.6, 1.6, 1.6, 1.9], right=range(2, 10), size=7)
    d.para(doc, caption, size=8, after=6)


def write_report(path: str | Path, params: Parameters, period: Period, isi: Isi) -> Path:
    """Write F15 (.docx)."""
    doc = d.new_document(params, f"Laporan Evaluasi Kinerja Pengadaan Barang/Jasa — {period.nama}")
    _cover(doc, params, period, isi.keputusan, isi.demo)
    _contents_and_page_numbers(doc)

    _heading(doc, "1. Ringkasan Eksekutif")
    for line in isi.ringkasan:
        d.para(doc, _plain(line), align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=4)

    _heading(doc, "2. Capaian Indikator Kinerja")
    k = isi.kpi
    rows = [[r.kode, r.nama, fmt.nilai(r.nilai, r.satuan), fmt.nilai(r.target, r.satuan),
             fmt.persen(r.capaian, 1), r.status_akhir + (f" ({r.keputusan})" if r.keputusan else "")]
            for r in k.itertuples()]
    d.table(doc, ["Kode", "Indikator", "Realisasi", "Target", "Capaian", "Status"], rows,
            widths_cm=[1.6, 5.5, 2.4, 2.4, 1.8, 2.8], right=(2, 3, 4), size=8)
    for r in k[k["nilai"].isna()].itertuples():
        d.para(doc, f"{r.kode}: {missing.NO_DATA} — {getattr(r, 'keterangan', '') or 'tidak ada data'}.",
               after=2, size=8)
    for image in isi.gambar:
        doc.add_picture(str(image), width=Cm(15.5))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _heading(doc, "Tren per triwulan", level=2)
    cols = display.named_headings(isi.tren, {"kode": "Kode"})
    n = len(cols) - 1
    _table(doc, isi.tren, cols, [2.0] + [14.5 / max(n, 1)] * n, right=range(1, n + 1))

    _heading(doc, "3. Kemajuan Rencana Aksi")
    r = isi.rencana.assign(rata=[fmt.persen(v, 1) for v in isi.rencana["rata_persen"]])
    _table(doc, r, {"kode": "Kode", "nama": "Indikator", "direncanakan": "Direncanakan",
                    "dilaporkan": "Dilaporkan", "rata": "Rata-rata selesai", "Terkendala": "Terkendala",
                    "keterangan": "Keterangan"}, [1.6, 5.0, 2.0, 2.0, 2.0, 1.9, 2.0], right=(2, 3, 4, 5))

    _heading(doc, "4. Rincian per OPD dan per Metode Pemilihan")
    m = isi.metode
    widths = [1.8] + [14.7 / max(len(m.columns) - 1, 1)] * (len(m.columns) - 1)
    _table(doc, m, display.named_headings(m, {"kode": "Kode"}), widths,
           right=range(1, len(m.columns)))
    o = isi.opd.head(display.SHOWN["opd"])
    _table(doc, o.assign(pagu_teks=[fmt.rupiah(v, 0) for v in o["pagu"]]),
           {"nama_satker": "OPD", "paket": "Paket", "pagu_teks": "Pagu", "Tercapai": "Tercapai",
            "Perlu perhatian": "Perlu perhatian", "Tidak tercapai": "Tidak tercapai",
            "pendorong": "Penyumbang kekurangan terbesar"}, [4.3, 1.3, 3.2, 1.6, 1.7, 1.7, 2.7],
           right=(1, 2, 3, 4, 5))
    if len(isi.pemetaan):
        _mapping(doc, isi)

    _heading(doc, "5. Kinerja Penyedia, Pokja Pemilihan, dan Kepuasan Pelanggan")
    _heading(doc, "Penyedia", level=2)
    for line in isi.penyedia:
        d.para(doc, _plain(line), align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=4)
    _heading(doc, "Pokja Pemilihan", level=2)
    pk = isi.pokja.assign(**{c: [fmt.persen(v) for v in isi.pokja[c]] for c in
                             ("pemilihan_tepat_waktu", "tender_gagal", "peserta_tunggal", "efisiensi_hps")},
                          durasi=[fmt.angka(v, 1) for v in isi.pokja["durasi_pemilihan"]])
    if isi.pokja_sumber:
        d.para(doc, isi.pokja_sumber, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=4)
    _table(doc, pk, {"metode": "Metode", "jumlah_paket": "Paket", "durasi": "Durasi (hari)",
                     "pemilihan_tepat_waktu": "Tepat waktu", "tender_gagal": "Tender gagal",
                     "peserta_tunggal": "Peserta tunggal", "efisiensi_hps": "Efisiensi HPS"},
           [3.1, 1.6, 2.2, 2.4, 2.4, 2.4, 2.4], right=range(1, 7))
    if isi.pokja_rekap is not None and len(isi.pokja_rekap):
        _pokja_table(doc, isi.pokja_rekap, isi.pokja_keterangan)
    _heading(doc, "Kepuasan pelanggan (IKM)", level=2)
    if isi.ikm.empty:
        d.para(doc, f"{missing.NO_DATA}: survei kepuasan pelanggan belum dilaksanakan atau belum diterima "
                     f"untuk periode ini; langkah pelaksanaannya tercantum pada bagian 6.", after=4)
    ikm = isi.ikm.assign(konv=[fmt.angka(v, 2) for v in isi.ikm["ikm_konversi"]],
                         selang=display.interval(isi.ikm))
    _table(doc, ikm, {"kelompok": "Kelompok", "responden": "Responden", "konv": "IKM konversi",
                      "mutu": "Mutu", "kinerja": "Kinerja", "selang": "Selang 95%"},
           [2.8, 2.2, 2.6, 1.6, 3.3, 4.0], right=(1, 2))

    _heading(doc, "6. Kualitas Data Pengumpulan")
    _table(doc, isi.kualitas, {"aspek": "Aspek", "nilai": "Nilai", "keterangan": "Keterangan"},
           [5.0, 3.5, 8.0])
    if isi.survei:
        _heading(doc, "Survei yang belum ada dan cara melaksanakannya", level=2)
        for line in isi.survei:
            d.para(doc, _plain(line), align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=4)

    _heading(doc, "7. Temuan dan Rekomendasi")
    _table(doc, isi.temuan, {"no": "No", "temuan": "Temuan", "rekomendasi": "Rekomendasi",
                             "bukti": "Bukti"}, [0.9, 5.0, 5.3, 5.3])

    _heading(doc, "8. Usulan Target Tahun Berikutnya")
    _table(doc, display.target_rows(isi.usulan), {"kode": "Kode", "nama": "Indikator", "target_teks": "Target",
                                                 "realisasi": "Realisasi", "usulan_teks": "Usulan target",
                                                 "dasar": "Dasar"}, [1.6, 4.6, 2.2, 2.2, 2.3, 3.6],
           right=(2, 3, 4))

    _heading(doc, "9. Keputusan Pimpinan")
    d.para(doc, isi.keputusan, after=6)
    chosen = report.decided(k)
    if len(chosen):
        _table(doc, chosen, {"kode": "Kode", "nama": "Indikator", "keputusan": "Keputusan",
                             "catatan_keputusan": "Catatan"}, [1.6, 6.0, 3.4, 5.5])
    else:
        d.para(doc, "Belum ada keputusan pimpinan per indikator.", after=6)
    d.para(doc, "", after=12)
    d.approval(doc, params.pejabat, [f"{params.ukpbj.kota}, ..................", "Disetujui oleh:"])

    _heading(doc, "Lampiran A. Metode dan Parameter")
    ind = indicators.method_table(params.indikator, params.area_strategis)
    _table(doc, ind, {"kode": "Kode", "nama": "Indikator", "definisi_buku_kerja": "Definisi hitung",
                      "dataset_sumber": "Dataset sumber", "satuan": "Satuan"}, [1.4, 3.2, 7.4, 3.0, 1.5],
           size=7)
    _table(doc, isi.parameter, {"parameter": "Parameter", "nilai": "Nilai"}, [5.5, 11.0])

    _heading(doc, "Lampiran B. Sumber Data")
    s = isi.sumber.assign(ukuran=[fmt.angka(v) for v in isi.sumber["bytes"]])
    _table(doc, s, {"berkas": "Berkas", "dataset": "Dataset", "ukuran": "Ukuran (bita)",
                    "sha256": "SHA-256"}, [3.6, 2.2, 2.2, 8.5], right=(2,), size=7)
    return d.save(doc, Path(path))
