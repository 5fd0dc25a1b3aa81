"""Word documents of the planning stage (SOP seed 000 §II.4): Format 1 Surat Tugas, Format 2
Surat Edaran and Format 3 Dokumen Perencanaan Kinerja, in formal Indonesian letter style.

Users sign and send these, so they are editable .docx (python-docx, with the building blocks of
`docx_primitives`), A4 portrait, Arial. Every text the reader sees is Indonesian; numbers and
dates go through `kinerja.core.fmt`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from kinerja.core import fmt
from kinerja.core.config import Parameters, Pejabat
from kinerja.core.periods import COLLECTION_MONTH, TRIWULAN, data_per
from kinerja.methods import planning
from kinerja.methods.indicators import POLARITAS
from kinerja.render.docx_primitives import (approval, labelled, letterhead, new_document, numbered,
                                            para, save, signature, table, title_block)


DASAR_HUKUM = [
    "Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah sebagaimana "
    "telah diubah dengan Peraturan Presiden Nomor 12 Tahun 2021 tentang Perubahan atas Peraturan "
    "Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah",
    "Peraturan Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah Nomor 10 Tahun 2021 tentang "
    "Unit Kerja Pengadaan Barang/Jasa",
]


def _person_fields(p: Pejabat) -> list[str]:
    fields = [("Nama", p.nama), ("NIP", p.nip), ("Pangkat/Golongan", p.pangkat), ("Jabatan", p.jabatan)]
    return [f"{label}\t: {value}" for label, value in fields if value]


def _collection_schedule(tahun: int) -> list[str]:
    """'Mei 2024 (Triwulan I)', … 'Januari 2025 (Triwulan IV)' from the periods module."""
    return [f"{fmt.BULAN[month - 1]} {tahun + add} (Triwulan {TRIWULAN[q - 1]})"
            for q, (add, month) in sorted(COLLECTION_MONTH.items())]


def _join(items: Sequence[str]) -> str:
    """'a, b, dan c' (Indonesian list)."""
    items = list(items)
    if len(items) <= 2:
        return " dan ".join(items)
    return ", ".join(items[:-1]) + ", dan " + items[-1]


# The SOP the workbook follows (seed 000): the model a UKPBJ without an SOP of its own cites.
SOP_ACUAN = ("Standar Operasional Prosedur (SOP) Pengelolaan Kinerja Pengadaan Barang/Jasa Pemerintah "
             "Provinsi Kalimantan Timur Tahun 2024")


def _own_sop(params: Parameters) -> str:
    """The UKPBJ's own SOP, by the number the parameter file gives (ukpbj.nomor_sop); ''."""
    u = params.ukpbj
    return (f"Standar Operasional Prosedur (SOP) Pengelolaan Kinerja Pengadaan Barang/Jasa {u.nama} "
            f"Nomor {u.nomor_sop}") if u.nomor_sop else ""


def _sop_name(params: Parameters) -> str:
    """The SOP the work follows, as a sentence names it: the UKPBJ's own, or the model."""
    return _own_sop(params) or f"{SOP_ACUAN} yang dijadikan acuan"


def _sop_basis(params: Parameters) -> list[str]:
    """The SOP entries of a legal basis: only what exists (the UKPBJ's own SOP where it has a
    number, and the model SOP), never a title made up from the unit's name."""
    return [x for x in (_own_sop(params), f"{SOP_ACUAN} (acuan prosedur)") if x]


# --- Format 1 -------------------------------------------------------------------------------

def surat_tugas(params: Parameters, out_path: Path, draft: bool = False) -> Path:
    """Format 1: the head of the UKPBJ assigns the performance-management coordinator."""
    s, pj, u = params.surat.surat_tugas, params.pejabat, params.ukpbj
    doc = new_document(params, f"Surat Tugas Koordinator Tim Pengelola Kinerja Pengadaan {params.tahun}",
                       size=12)
    letterhead(doc, params)
    title_block(doc, ["SURAT TUGAS", f"Nomor: {s.nomor}"], underline_first=True)

    dasar = [*_sop_basis(params), *DASAR_HUKUM]
    untuk = [
        f"Bertindak sebagai Koordinator Tim Pengelola Kinerja Pengadaan Barang/Jasa pada {u.nama} "
        f"untuk Tahun Anggaran {params.tahun};",
        "Mendefinisikan tujuan pengadaan dan area strategis, menetapkan indikator kinerja beserta "
        "atributnya, menyusun usulan baseline dan target kinerja, serta menyusun rencana aksi untuk "
        "setiap indikator dalam Dokumen Perencanaan Kinerja Pengadaan;",
        "Mengoordinasikan Tim Pengumpul Data dan Tim Pengolah Data dengan susunan sebagaimana "
        "tercantum di bawah ini, termasuk menyosialisasikan teknik dan mekanisme survei "
        "pengumpulan data kinerja;",
        f"Mempresentasikan Dokumen Perencanaan Kinerja serta Laporan Evaluasi Kinerja Pengadaan, "
        f"Dasbor Status Nilai Indikator Kinerja, rekomendasi, dan rencana kinerja tahun "
        f"berikutnya kepada {pj.kepala_ukpbj.jabatan} dan pimpinan untuk mendapatkan persetujuan;",
        "Melaksanakan tugas ini dengan penuh tanggung jawab dan melaporkan hasilnya kepada "
        "pemberi tugas.",
    ]
    labelled(doc, [("Dasar", dasar, "list")])
    para(doc, "MENUGASKAN", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=6)
    labelled(doc, [("Kepada", _person_fields(pj.koordinator), "fields"), ("Untuk", untuk, "list")])

    para(doc, "Susunan Tim Pengelola Kinerja Pengadaan Barang/Jasa:", before=6)
    members = [(pj.koordinator, "Koordinator")]
    members += [(m, "Tim Pengumpul Data") for m in params.tim.pengumpul_data]
    members += [(m, "Tim Pengolah Data") for m in params.tim.pengolah_data]
    table(doc, ["No.", "Nama", "NIP", "Jabatan", "Kedudukan dalam Tim"],
          [(str(i), m.nama, m.nip or "–", m.jabatan, role) for i, (m, role) in enumerate(members, 1)],
          widths_cm=[1.0, 4.5, 3.8, 4.0, 3.2], size=10)

    para(doc, "Demikian surat tugas ini dibuat untuk dilaksanakan dengan penuh tanggung jawab.",
         before=10, after=12)
    signature(doc, pj.kepala_ukpbj, [f"{u.kota}, {fmt.tanggal(s.tanggal)}"])
    return save(doc, out_path, draft)


# --- Format 2 -------------------------------------------------------------------------------

def surat_edaran(params: Parameters, out_path: Path, draft: bool = False) -> Path:
    """Format 2: the circular telling OPDs, PPKs and Pokja what the performance survey asks."""
    s, pj, u, tahun = params.surat.surat_edaran, params.pejabat, params.ukpbj, params.tahun
    doc = new_document(params, f"Surat Edaran Implementasi Pengelolaan Kinerja Pengadaan {tahun}",
                       size=12)
    letterhead(doc, params)
    para(doc, "Yth.", after=0)
    numbered(doc, ["Kepala Perangkat Daerah;", "Pejabat Pembuat Komitmen (PPK); dan",
                   "Kelompok Kerja (Pokja) Pemilihan,"], hang_cm=0.6)
    para(doc, f"di lingkungan {u.instansi}", after=12)
    title_block(doc, ["SURAT EDARAN", f"NOMOR {s.nomor}", "TENTANG",
                      "IMPLEMENTASI PENGELOLAAN KINERJA PENGADAAN BARANG/JASA",
                      f"TAHUN ANGGARAN {tahun}"])

    metode = _join(params.metode.metode_dalam_lingkup)
    jadwal = _join(_collection_schedule(tahun))
    points = [
        f"Latar belakang. Dalam rangka pengembangan Center of Excellence (CoE) pengadaan "
        f"barang/jasa dan pelaksanaan {_sop_name(params)}, {u.nama} melaksanakan pengelolaan "
        f"kinerja pengadaan barang/jasa, yaitu proses sistematis untuk mengidentifikasi, "
        f"mengumpulkan, menganalisis, melaporkan, dan menggunakan informasi nilai ukur kinerja.",
        f"Maksud dan tujuan. Surat Edaran ini menjadi pemberitahuan dan acuan bagi Perangkat "
        f"Daerah, PPK, dan Pokja Pemilihan selaku responden survei kinerja pengadaan, agar "
        f"kinerja pengadaan Tahun Anggaran {tahun} dapat dipantau dan dikendalikan terhadap target "
        f"dalam Dokumen Perencanaan Kinerja Pengadaan.",
        f"Ruang lingkup. Penilaian kinerja mencakup paket pengadaan barang/jasa Tahun Anggaran "
        f"{tahun} dengan metode pemilihan {metode}. Penilaian bersifat tahunan: kinerja tahun "
        f"{tahun} dinilai pada tahun {tahun + 1}.",
        f"Jadwal. Pengumpulan data dilaksanakan secara triwulanan oleh Tim Pengumpul Data, yaitu "
        f"pada bulan {jadwal}.",
        "Kewajiban responden. Responden mengisi dan menyampaikan formulir berikut kepada Tim "
        "Pengumpul Data pada setiap bulan pengumpulan:",
    ]
    duties = [
        "PPK mengisi Formulir Isian Data Utama PPK dan Formulir Kinerja Penyedia untuk setiap "
        "paket yang dikelolanya;",
        "Pokja Pemilihan mengisi Formulir Isian Data Utama Pokja dan Formulir Kinerja Pokja "
        "Pemilihan untuk setiap paket yang dipilihnya;",
        "Perangkat Daerah, PPK, Pokja Pemilihan, dan penyedia yang diminta mengisi Formulir "
        "Survei Kepuasan Pelanggan (internal atau eksternal);",
        "Data diisi dengan benar dan lengkap sesuai dokumen paket; data yang tidak lengkap "
        "dikembalikan untuk dilengkapi.",
    ]
    contact = _join([v for v in (u.telepon and f"telepon {u.telepon}", u.email and f"pos-el {u.email}") if v])
    last = (f"Narahubung. Informasi lebih lanjut dapat diperoleh dari Koordinator Tim Pengelola "
            f"Kinerja Pengadaan, {pj.koordinator.nama}" + (f", melalui {contact}." if contact else "."))
    numbered(doc, points)
    numbered(doc, duties, marker="{a}.", indent_cm=0.7, hang_cm=0.6)
    numbered(doc, [last], marker=f"{len(points) + 1}.")
    para(doc, "Demikian Surat Edaran ini disampaikan untuk dilaksanakan. Atas perhatian dan kerja "
               "sama Saudara diucapkan terima kasih.", before=8, after=12)
    signature(doc, pj.penandatangan_surat_edaran,
              [f"Ditetapkan di {u.kota}", f"pada tanggal {fmt.tanggal(s.tanggal)}"])
    return save(doc, out_path, draft)


# --- Format 3 -------------------------------------------------------------------------------

def _cover(doc: DocxDocument, params: Parameters, data_date=None) -> None:
    s, u = params.surat.dokumen_perencanaan, params.ukpbj
    para(doc, "", after=90)
    for text, size in (("DOKUMEN PERENCANAAN KINERJA", 18), ("PENGADAAN BARANG/JASA", 18),
                       (f"TAHUN {params.tahun}", 16)):
        para(doc, text, bold=True, size=size, align=WD_ALIGN_PARAGRAPH.CENTER, after=4)
    para(doc, f"Nomor: {s.nomor}", align=WD_ALIGN_PARAGRAPH.CENTER, before=24, after=2)
    para(doc, f"Tanggal: {fmt.tanggal(s.tanggal)}", align=WD_ALIGN_PARAGRAPH.CENTER, after=2)
    dated = data_per(data_date)  # how recent the register behind the plan's figures is
    para(doc, dated[0].upper() + dated[1:], align=WD_ALIGN_PARAGRAPH.CENTER, after=160)
    for text in (u.nama.upper(), u.instansi.upper(), f"{u.kota.upper()} {params.tahun}"):
        para(doc, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=2)


def _chapter(doc: DocxDocument, number: str, title: str) -> None:
    h = doc.add_heading(f"BAB {number}\n{title}", level=1)
    h.paragraph_format.page_break_before = True


def _bab_pendahuluan(doc: DocxDocument, params: Parameters) -> None:
    u, tahun = params.ukpbj, params.tahun
    _chapter(doc, "I", "PENDAHULUAN")
    doc.add_heading("A. Latar Belakang", level=2)
    para(doc, "Pengelolaan kinerja pengadaan adalah proses sistematis untuk mengidentifikasi, "
               "mengumpulkan, menganalisis data, melaporkan, dan menggunakan informasi nilai ukur "
               f"kinerja. Sesuai {_sop_name(params)}, Koordinator Tim Pengelola Kinerja Pengadaan "
               "menyusun Dokumen Perencanaan Kinerja yang memuat tujuan pengadaan, area strategis, "
               "indikator kinerja beserta atributnya, baseline dan target, rencana aksi setiap "
               "indikator, serta pemetaan area strategis ke paket pengadaan Perangkat Daerah.",
         align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    note = planning.proposals_note(params)
    if note:
        para(doc, note, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    doc.add_heading("B. Maksud dan Tujuan", level=2)
    para(doc, f"Dokumen ini menjadi acuan {u.nama} dalam melaksanakan, memantau, dan mengendalikan "
               f"kinerja pengadaan barang/jasa Tahun Anggaran {tahun}, serta dasar penyusunan Laporan "
               f"Evaluasi Kinerja Pengadaan yang dinilai pada tahun {tahun + 1}.",
         align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    doc.add_heading("C. Ruang Lingkup", level=2)
    para(doc, f"Obyek penilaian adalah paket pengadaan barang/jasa Tahun Anggaran {tahun} dengan "
               f"metode pemilihan {_join(params.metode.metode_dalam_lingkup)}. Data dikumpulkan "
               f"secara triwulanan pada bulan {_join(_collection_schedule(tahun))}.",
         align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    doc.add_heading("D. Dasar Hukum", level=2)
    numbered(doc, [*DASAR_HUKUM, "Peraturan LKPP Nomor 4 Tahun 2021 tentang Pembinaan Pelaku Usaha "
                                  "Pengadaan Barang/Jasa Pemerintah", *_sop_basis(params)])


def _cakupan(area) -> str:
    parts = []
    if area.cakupan.metode:
        parts.append("metode " + _join(area.cakupan.metode))
    if area.cakupan.jenis_pengadaan:
        parts.append("jenis " + _join(area.cakupan.jenis_pengadaan))
    return "; ".join(parts) if parts else "Semua paket dalam lingkup"


def _bab_tujuan(doc: DocxDocument, params: Parameters) -> None:
    _chapter(doc, "II", "TUJUAN DAN AREA STRATEGIS")
    para(doc, "Tujuan pengadaan dan area strategis yang ditetapkan untuk mencapainya:",
         align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    areas = {a.kode: a for a in params.area_strategis}
    rows = [(str(n), f"{r.tujuan} – {r.nama_tujuan}", r.area, r.nama_area, _cakupan(areas[r.area]),
             fmt.angka(r.jumlah_indikator))
            for n, r in enumerate(planning.goals_and_areas(params).itertuples(), 1)]
    table(doc, ["No.", "Tujuan Pengadaan", "Kode Area", "Area Strategis", "Cakupan Paket",
                "Jumlah Indikator"], rows, widths_cm=[1.0, 4.4, 1.7, 4.2, 3.4, 1.8], right=(5,))


def _attributes(r: pd.Series, area_names: dict[str, str]) -> list[tuple[str, str]]:
    baseline = fmt.nilai(r["baseline"], r["satuan"])
    source = r.get("baseline_sumber")
    if isinstance(source, str) and source:
        baseline += f" ({source})"
    return [
        ("Kode", r["kode"]),
        ("Nama indikator", r["nama"]),
        ("Area strategis", f"{r['area']} – {area_names.get(r['area'], '')}".rstrip(" –")),
        ("Definisi", r["definisi"]),
        ("Rumus", r["rumus"]),
        ("Definisi hitung (buku kerja)", r.get("definisi_buku_kerja", "")),
        ("Dataset sumber", r.get("dataset_sumber", "")),
        ("Satuan", r["satuan"]),
        ("Polaritas", POLARITAS.get(r["polaritas"], str(r["polaritas"]))),
        ("Sumber data", r["sumber_data"]),
        ("Frekuensi pengukuran", r["frekuensi"]),
        ("Penanggung jawab", r["penanggung_jawab"]),
        ("Baseline", baseline),
        ("Target", fmt.nilai(r["target"], r["satuan"])
         + (f" ({planning.PROPOSAL})" if r["status_target"] == planning.PROPOSAL else "")),
    ]


def _bab_indikator(doc: DocxDocument, params: Parameters, indikator: pd.DataFrame) -> None:
    _chapter(doc, "III", "INDIKATOR KINERJA DAN ATRIBUT")
    indikator = planning.marked_plan(indikator, params)
    doc.add_heading("A. Ringkasan Baseline dan Target", level=2)
    table(doc, ["No.", "Kode", "Indikator", "Polaritas", "Baseline", "Target", "Status target"],
          [(str(n), r["kode"], r["nama"], POLARITAS.get(r["polaritas"], ""),
            fmt.nilai(r["baseline"], r["satuan"]), fmt.nilai(r["target"], r["satuan"]), r["status_target"])
           for n, (_, r) in enumerate(indikator.iterrows(), 1)],
          widths_cm=[0.9, 1.6, 5.0, 2.6, 2.0, 2.0, 2.4], right=(4, 5))
    doc.add_heading("B. Atribut Indikator", level=2)
    area_names = {a.kode: a.nama for a in params.area_strategis}
    for _, r in indikator.iterrows():
        doc.add_heading(f"{r['kode']} – {r['nama']}", level=3)
        table(doc, ["Atribut", "Uraian"], _attributes(r, area_names), widths_cm=[4.2, 12.3], size=9.5)


def _bab_rencana_aksi(doc: DocxDocument, params: Parameters) -> None:
    _chapter(doc, "IV", "RENCANA AKSI")
    para(doc, "Rencana aksi untuk mencapai target setiap indikator:", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    for n, ind in enumerate(params.indikator):
        doc.add_heading(f"{ind.kode} – {ind.nama}", level=3)
        if params.proposed(f"indikator[{n}].rencana_aksi"):
            para(doc, f"{planning.PROPOSAL}: rencana aksi umum bawaan buku kerja; sesuaikan dengan rencana "
                      f"UKPBJ sebelum dokumen ini ditetapkan.", bold=True, size=9)
        table(doc, ["Kode", "Uraian Rencana Aksi", "Jadwal", "Keluaran", "Penanggung Jawab"],
              [(ra.kode, ra.uraian, ra.jadwal, ra.keluaran, ra.penanggung_jawab)
               for ra in ind.rencana_aksi],
              widths_cm=[1.8, 5.6, 2.6, 3.3, 3.2])


def _bab_pemetaan(doc: DocxDocument, params: Parameters, pemetaan: pd.DataFrame,
                  catatan: Sequence[str] = (), total: dict | None = None) -> None:
    _chapter(doc, "V", "PEMETAAN AREA STRATEGIS KE PAKET PERANGKAT DAERAH")
    for line in catatan:
        para(doc, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    if pemetaan.empty:
        para(doc, f"Belum ada paket Tahun Anggaran {params.tahun} dalam register yang dicakup "
                   "area strategis.")
        return
    para(doc, f"Paket pengadaan Tahun Anggaran {params.tahun} yang dicakup setiap area strategis "
               "menurut cakupannya (Bab II), per Perangkat Daerah (OPD), dengan jumlah per area. "
               "Indikator suatu area hanya menghitung paket dalam cakupan area itu:",
         align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    rows, n = [], 0
    for area, part in pemetaan.groupby("area", sort=False):
        for _, r in part.iterrows():
            n += 1
            rows.append((str(n), f"{r['area']} – {r['area_nama']}", r["nama_satker"],
                         fmt.angka(r["jumlah_paket"]), fmt.rupiah(r["pagu"])))
        rows.append(("", f"Jumlah {area}", "", fmt.angka(part["jumlah_paket"].sum()), fmt.rupiah(part["pagu"].sum())))
    if total is not None:  # the areas together, each package once: never the sum of the area rows
        rows.append(("", planning.ALL_AREAS, "", fmt.angka(total["paket"]),
                     fmt.rupiah(total["pagu"])))
    table(doc, ["No.", "Area Strategis", "Perangkat Daerah", "Jumlah Paket", "Pagu"], rows,
          widths_cm=[1.0, 4.6, 5.4, 1.9, 3.6], right=(3, 4), bold_last=total is not None)
    if total is not None:
        para(doc, planning.mapping_total_text(total), size=9, before=4)


def _approval(doc: DocxDocument, params: Parameters) -> None:
    """Approval page: prepared by the coordinator, approved by the head of the UKPBJ."""
    s, pj = params.surat.dokumen_perencanaan, params.pejabat
    h = doc.add_heading("LEMBAR PENGESAHAN", level=1)
    h.paragraph_format.page_break_before = True
    para(doc, f"Dokumen Perencanaan Kinerja Pengadaan Barang/Jasa Tahun {params.tahun} Nomor "
               f"{s.nomor} ditetapkan di {params.ukpbj.kota} pada tanggal {fmt.tanggal(s.tanggal)}.",
         align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=18)
    approval(doc, pj)


def _charts(doc: DocxDocument, charts: Sequence[Path]) -> None:
    h = doc.add_heading("LAMPIRAN GRAFIK", level=1)
    h.paragraph_format.page_break_before = True
    for n, path in enumerate(charts, 1):
        doc.add_picture(str(path), width=Cm(16))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        para(doc, f"Gambar {n}", size=9, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)


def dokumen_perencanaan(params: Parameters, indikator: pd.DataFrame, pemetaan: pd.DataFrame,
                        out_path: Path, *, charts: Sequence[Path] = (), catatan: Sequence[str] = (),
                        total: dict | None = None, data_date=None, draft: bool = False) -> Path:
    """Format 3: the performance plan (goals, areas, indicators with attributes, baseline and
    target, action plans, area-to-OPD mapping) with its approval page.

    `indikator`: kode, nama, area, definisi, rumus, satuan, polaritas, sumber_data, frekuensi,
    penanggung_jawab, baseline, baseline_sumber, target (indicators.plan_table).
    `pemetaan`: area, area_nama, nama_satker, jumlah_paket, pagu (planning.area_mapping).
    `catatan`: notes on the mapping printed before it (planning.as_of_text, mapping_notes).
    `total`: the packages and pagu of all areas, each package once (planning.mapping_total).
    `data_date`: the register's data date (on the cover). `draft`: every page marked DRAF.
    """
    doc = new_document(params, f"Dokumen Perencanaan Kinerja Pengadaan Barang/Jasa Tahun {params.tahun}")
    _cover(doc, params, data_date)
    _bab_pendahuluan(doc, params)
    _bab_tujuan(doc, params)
    _bab_indikator(doc, params, indikator)
    _bab_rencana_aksi(doc, params)
    _bab_pemetaan(doc, params, pemetaan, catatan, total)
    _approval(doc, params)
    if charts:
        _charts(doc, [Path(c) for c in charts])
    return save(doc, out_path, draft)
