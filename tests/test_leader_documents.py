"""What a leader reads and signs, on the suite's shared run (conftest `annual_run`): F15 is laid
out once, so its HTML and Word renderings have the same chapters, headings and tables, cell for
cell; F1–F3, F15 and F16 hold nothing for developers (tests/reading.py finds paths, commands,
field/table/module names, Pokja and hash codes); the data date is on the covers; the signature
carries name, rank and NIP in every format; the stage reports name no absolute path, module or
Pokja code."""

import json
from pathlib import Path

import pandas as pd
import pytest
from kinerja.core import config, fmt
from kinerja.core.periods import data_per
from kinerja.pipeline import workbook
from pypdf import PdfReader
from reading import docx_outline, docx_text, html_outline, html_text, leaks, text_of


def _artifact(out: Path, code: str, suffix: str) -> Path:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    (path,) = [out / a["path"] for a in manifest["artifacts"] if a["format"] == code and a["path"].endswith(suffix)]
    return path


def test_the_report_is_laid_out_once_html_and_word_have_the_same_headings_and_tables(annual_run):
    html = html_outline((annual_run / "06_laporan.html").read_text(encoding="utf-8"))
    word = docx_outline(_artifact(annual_run, "F15", ".docx"), "1. Ringkasan eksekutif")
    assert html["headings"] == word["headings"]
    chapters = [t for level, t in html["headings"] if level == 1]
    assert chapters == ["1. Ringkasan eksekutif", "2. Capaian indikator kinerja", "3. Kemajuan rencana aksi",
                        "4. Rincian per OPD dan per metode pemilihan", "5. Pengadaan di luar metode SOP",
                        "6. Kinerja penyedia", "7. Kinerja Pokja Pemilihan", "8. Kepuasan pelanggan (IKM)",
                        "9. Kualitas data pengumpulan", "10. Temuan dan rekomendasi",
                        "11. Usulan target tahun berikutnya", "12. Keputusan pimpinan",
                        "Lampiran A. Metode dan parameter", "Lampiran B. Sumber data"]
    assert len(html["tables"]) == len(word["tables"]) >= 15
    for n, (h, w) in enumerate(zip(html["tables"], word["tables"])):
        assert h[0] == w[0], n     # the same columns under the same headings
        assert h == w, n           # and the same cells
    headers = [t[0] for t in html["tables"]]
    # what the Word version used to drop is in both
    assert ["Kode", "Indikator", "Realisasi", "Target", "Capaian", "Status", "Juga diukur"] in headers
    assert any("Topik" in h for h in headers) and any("Sampel memadai" in h for h in headers)
    assert any("Laporan selesai" in h for h in headers)
    ikm = next(t for t in html["tables"] if "Sampel memadai" in t[0])
    assert len(ikm) == 3  # internal and external, not an empty table


def test_the_executive_summary_is_one_page_after_the_contents(annual_run):
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(annual_run / "06_laporan.pdf").pages]
    (first,) = [n for n, text in enumerate(pages) if "1. Ringkasan eksekutif" in text and "Data dan cakupan" in text]
    assert "Daftar Isi" in pages[first - 1]  # the contents, then the summary: no empty page between
    summary = pages[first]
    for part in ("Data dan cakupan", "data per ", "Capaian indikator", "Temuan utama", "Keputusan yang diminta",
                 "SOP langkah 18", "Keputusan saat ini"):
        assert part in summary, part
    assert "2. Capaian indikator kinerja" in pages[first + 1] and "Keputusan" not in pages[first + 1].split(
        "2. Capaian indikator kinerja")[0]  # the whole summary on its page, the next chapter on the next


def test_f15_and_f16_state_the_years_procurement_beside_the_indicators(small_demo, annual_run):
    html = html_text(annual_run / "06_laporan.html")
    word = docx_text(_artifact(annual_run, "F15", ".docx"))
    f16 = html_text(_artifact(annual_run, "F16", ".html"))
    # the demo's budget per satker (RUP-StrukturAnggaranPD), added up by hand
    budget = pd.read_csv(small_demo.base / "register" / "anggaran_2024.csv", dtype=str, keep_default_na=False)
    spent = pd.to_numeric(budget["belanja_pengadaan"]).sum()
    for text in (html, word, f16):
        squeezed = " ".join(text.split())
        assert "Pengadaan tahun 2024 dalam data (data per " in squeezed
        assert "Di luar metode SOP (konteks, tidak masuk indikator): Pengadaan Langsung " in squeezed
        for channel in ("pencatatan non tender", "e-Katalog", "Toko Daring", "swakelola"):
            assert f"; {channel} " in squeezed and f"{channel} belum ada data" not in squeezed, channel
        assert (f"Belanja pengadaan tahun 2024 menurut struktur anggaran perangkat daerah: {fmt.rupiah(spent)} "
                f"({fmt.angka(len(budget))} satker).") in squeezed


def test_the_signature_has_name_rank_and_nip_in_html_pdf_and_word(small_demo, annual_run):
    params = config.load(small_demo.params)
    pdf = "\n".join(p.extract_text() for p in PdfReader(annual_run / "06_laporan.pdf").pages)
    html = html_text(annual_run / "06_laporan.html")
    word = docx_text(_artifact(annual_run, "F15", ".docx"))
    for person in (params.pejabat.kepala_ukpbj, params.pejabat.koordinator):
        for expected in (person.nama, person.pangkat, f"NIP. {person.nip}"):
            assert expected in html and expected in word, expected
            assert expected in " ".join(pdf.split()), expected


def test_the_covers_say_how_recent_the_data_are(small_demo, annual_run):
    params = config.load(small_demo.params)
    dated = data_per(workbook.stored_data_date(params.store_path, params.ukpbj.kd_klpd, 2024))
    assert dated.startswith("data per ")
    on_cover = dated[0].upper() + dated[1:]
    page = (annual_run / "06_laporan.html").read_text(encoding="utf-8")
    cover = page[page.index('<section class="sampul">'):page.index("</section>")]
    assert on_cover in cover
    word = docx_text(_artifact(annual_run, "F15", ".docx"))
    assert on_cover in word.split("DAFTAR ISI")[0]
    f3 = docx_text(_artifact(annual_run, "F3", ".docx"))
    assert on_cover in f3.split("BAB I")[0]
    assert dated in html_text(annual_run / "01_perencanaan.html")


@pytest.mark.parametrize("code, suffix", [("F1", ".docx"), ("F2", ".docx"), ("F3", ".docx"), ("F3", ".html"),
                                          ("F15", ".docx"), ("F15", ".html"), ("F16", ".html")])
def test_nothing_for_developers_in_what_a_leader_reads(annual_run, code, suffix):
    text = text_of(_artifact(annual_run, code, suffix))
    assert len(text) > 2000
    assert leaks(text) == {}


def test_the_dashboard_is_named_and_sourced_for_people(annual_run):
    page = _artifact(annual_run, "F16", ".html").read_text(encoding="utf-8")
    assert "<h1>Dasbor Status Nilai Indikator Kinerja Pengadaan</h1>" in page and "Dashboard" not in page
    assert "Sumber: register paket LKPP (SiRUP, SPSE, e-Kontrak)" in page
    assert "Sumber: Survei Kepuasan Pelanggan internal (Format 12)" in page


@pytest.mark.parametrize("stage", ["02_survei_teknis", "03_kepuasan", "04_penyedia", "05_pokja"])
def test_stage_reports_name_no_absolute_path_module_or_pokja_code(annual_run, stage):
    found = leaks(html_text(annual_run / f"{stage}.html"))
    assert not {"absolute path", "module name", "Pokja code", "hash code"} & set(found), found
    if stage != "02_survei_teknis":  # the team's steps (commands) are in the Survei Teknis report only
        assert "command" not in found and "code mark" not in found, found
