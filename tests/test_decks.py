"""The two presentation decks of the SOP's approval meetings (Materi presentasi), on the suite's
shared run (conftest `annual_run`): stage 01 and stage 06 write them by their declarations; they
carry the same numbers as the documents — every KPI value, target and status of the report deck
is F15's, every baseline and target of the planning deck is F3's —, are readable from the back of
a room, hold nothing for developers, and say when they are a demo, a draft or a revision."""

import dataclasses
import json
from pathlib import Path

import docx
import pandas as pd
import pytest
from kinerja.core import config
from kinerja.methods import planning, register_quality, report
from kinerja.pipeline import stages, workbook
from kinerja.render import deck_plan, deck_report, laporan, slides
from pptx import Presentation
from reading import html_outline, leaks

DECKS = {s.notebook: s.deck for s in stages.STAGES if s.deck}


def _deck(out: Path, notebook: str) -> Path:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    (path,) = [out / a["path"] for a in manifest["artifacts"] if a["path"].startswith(DECKS[notebook])]
    return path


def _table_rows(deck: list[dict], header: list[str]) -> list[list[str]]:
    """The body rows of every table of the deck headed `header`, slide after slide."""
    return [row for page in deck for t in page["tables"] if t[0] == header for row in t[1:]]


def test_stages_01_and_06_write_their_decks_into_the_manifest(annual_run):
    assert DECKS == {"01_perencanaan": "Materi_Presentasi_Perencanaan", "06_laporan": "Materi_Presentasi_Laporan"}
    manifest = json.loads((annual_run / "manifest.json").read_text(encoding="utf-8"))
    decks = [a for a in manifest["artifacts"] if a["path"].endswith(".pptx")]
    assert sorted(a["path"] for a in decks) == ["Materi_Presentasi_Laporan_2024.pptx",
                                                "Materi_Presentasi_Perencanaan_2024.pptx"]
    assert {a["format"] for a in decks} == {None}  # not one of the SOP's formats F1–F16
    owner = {f["path"]: e["notebook"] for e in manifest["stages"] for f in e["files"]}
    assert owner["Materi_Presentasi_Perencanaan_2024.pptx"] == "01_perencanaan"
    assert owner["Materi_Presentasi_Laporan_2024.pptx"] == "06_laporan"
    for a in decks:
        pres = Presentation(str(annual_run / a["path"]))
        assert pres.slide_width * 9 == pres.slide_height * 16 and len(pres.slides) >= 10


def test_the_report_deck_carries_f15s_values_targets_statuses_findings_and_proposals(annual_run, shipped_params):
    f15 = html_outline((annual_run / "06_laporan.html").read_text(encoding="utf-8"))["tables"]
    deck = slides.read_back(_deck(annual_run, "06_laporan"))
    kpi = next(t for t in f15 if t[0][:6] == ["Kode", "Indikator", "Realisasi", "Target", "Capaian", "Status"])
    shown = _table_rows(deck, kpi[0][:6])
    assert len(kpi) - 1 == len(shipped_params.indikator) and shown == [row[:6] for row in kpi[1:]]
    # each area's slide says every indicator's value, target and status in its notes
    notes = "\n".join(page["notes"] for page in deck)
    for kode, _, value, target, _, status, _ in kpi[1:]:
        assert f"{kode} " in notes and f"realisasi {value}, target {target}" in notes and f"status {status}" in notes
    targets = next(t for t in f15 if "Usulan 2025" in t[0])
    assert _table_rows(deck, targets[0]) == targets[1:]
    findings = next(t for t in f15 if t[0] == ["No", "Topik", "Temuan", "Rekomendasi", "Bukti"])
    assert len(findings) > 5
    assert _table_rows(deck, ["No", "Temuan", "Bukti"]) == [[r[0], r[2], r[4]] for r in findings[1:]]
    assert _table_rows(deck, ["No", "Topik", "Rekomendasi"]) == [[r[0], r[1], r[3]] for r in findings[1:]]
    # the indicator definitions in words, as F15's method annex prints them, are in the notes
    annex = next(t for t in f15 if "Definisi hitung" in t[0])
    for row in annex[1:]:
        assert row[annex[0].index("Definisi hitung")] in notes, row[0]
    summary = " ".join(" ".join(page["texts"]) for page in deck[1:4])
    assert f"Dari {len(shipped_params.indikator)} indikator kinerja" in summary


def test_the_planning_deck_carries_f3s_baselines_and_targets(annual_run, shipped_params):
    f3 = docx.Document(annual_run / "F3_Dokumen_Perencanaan_Kinerja.docx")
    plan = next([[c.text for c in r.cells] for r in t.rows] for t in f3.tables
                if [c.text for c in t.rows[0].cells][1:] == ["Kode", "Indikator", "Polaritas", "Baseline", "Target",
                                                             "Status target"])
    deck = slides.read_back(_deck(annual_run, "01_perencanaan"))
    shown = _table_rows(deck, plan[0][1:])
    assert len(plan) - 1 == len(shipped_params.indikator) and sorted(shown) == sorted(row[1:] for row in plan[1:])
    text = " ".join(" ".join(page["texts"]) for page in deck)
    assert "Keputusan yang dimohon" in text and "Surat Edaran" in text and "Menyetujui" in text


@pytest.mark.parametrize("notebook", sorted(DECKS))
def test_a_deck_reads_from_the_back_of_the_room_and_holds_nothing_for_developers(annual_run, notebook):
    deck = slides.read_back(_deck(annual_run, notebook))
    for n, page in enumerate(deck, start=1):
        assert page["min_pt"] >= 18, n
        assert all(len(t) - 1 <= slides.MAX_ROWS for t in page["tables"]), n
        assert all(dpi >= 150 for dpi in page["dpi"]), n
        assert "DATA DEMO" in " ".join(page["texts"]), n  # the shared run is on demo data
        assert "(Format " in page["notes"], n  # each slide names its source
        text = " ".join([*page["texts"], *(c for t in page["tables"] for r in t for c in r), page["notes"]])
        assert leaks(text) == {}, (n, leaks(text))
    assert sum(page["pictures"] for page in deck) >= (6 if notebook == "06_laporan" else 0)


def _report_material(annual_run: Path, small_demo, **changes) -> laporan.Bahan:
    """The report's material from the shared run's saved results (what notebook 06 computed)."""
    ctx = workbook.context(small_demo.params, "2024", output=annual_run, prepare=False, stage="06_laporan")
    hasil, saved = ctx.upstream(), {n: pd.read_parquet(annual_run / "hasil" / f"{n}.parquet") for n in
                                    ("06_kpi", "06_tren", "06_kpi_opd", "06_kpi_metode", "06_pendorong",
                                     "06_rekomendasi", "06_usulan_target")}
    b = laporan.Bahan.of(ctx, kpi=saved["06_kpi"], tren=saved["06_tren"], per_opd=saved["06_kpi_opd"],
                         per_metode=saved["06_kpi_metode"], pendorong=saved["06_pendorong"],
                         rencana=report.action_plans(ctx.params, hasil), ikm=report.ikm_table(hasil, 2024),
                         temuan=saved["06_rekomendasi"], usulan=saved["06_usulan_target"],
                         mutu_register=register_quality.summary(ctx.params, ctx.store), hasil=hasil)
    return dataclasses.replace(b, **changes)


def test_a_revised_draft_report_deck_says_so_on_every_slide(annual_run, small_demo, tmp_path):
    b = _report_material(annual_run, small_demo, draft=True)
    revised = b.params.laporan.model_copy(update={"revisi": 2, "keputusan": "revisi", "catatan": "Lengkapi OPD."})
    b = dataclasses.replace(b, params=b.params.model_copy(update={"laporan": revised}))
    deck = slides.read_back(deck_report.write(b, laporan.describe(b), tmp_path / "revisi.pptx"))
    assert all("DATA DEMO · DRAF" in " ".join(page["texts"]) for page in deck)
    title = " ".join(deck[0]["texts"])
    assert "Revisi ke-2" in title and "Dikembalikan untuk revisi" in title and "Lengkapi OPD." in title
    assert "DRAF — belum untuk ditandatangani" in title
    decision = " ".join(deck[-1]["texts"])
    assert "revisi ke-3" in decision and "Revisi ke-2 · Keputusan pimpinan: Dikembalikan untuk revisi" in decision


def test_the_planning_deck_shows_proposals_as_proposals(small_demo, annual_run, tmp_path):
    text = small_demo.params.read_text(encoding="utf-8")
    first_target = next(line for line in text.splitlines() if line.strip().startswith("target:"))
    marked = tmp_path / "usulan.yaml"
    marked.write_text(text.replace(first_target, first_target + "  # USULAN: target usulan buku kerja", 1),
                      encoding="utf-8")
    params = config.load(marked)
    assert params.proposed("indikator[0].target")
    plan = pd.read_parquet(annual_run / "hasil" / "01_rencana_indikator.parquet")
    mapping = pd.read_parquet(annual_run / "hasil" / "01_pemetaan_area.parquet")
    path = deck_plan.write(params, plan, mapping, tmp_path / "rencana.pptx", total={"paket": 10, "pagu": 2.5e9})
    deck = slides.read_back(path)
    rows = {r[0]: r for r in _table_rows(deck, ["Kode", "Indikator", "Polaritas", "Baseline", "Target",
                                                "Status target"])}
    first = params.indikator[0].kode
    assert rows[first][-1] == planning.PROPOSAL and {r[-1] for k, r in rows.items() if k != first} == {"Ditetapkan"}
    assert "DATA DEMO" not in " ".join(deck[0]["texts"])  # not told it is demo data
    assert any(planning.proposals_note(params) in " ".join(page["texts"]) for page in deck)


def test_the_action_plan_in_brief_counts_each_indicators_plans_and_names_each_official_once(shipped_params):
    first, second = shipped_params.indikator[:2]
    plan = first.rencana_aksi[0]
    three = [plan.model_copy(update={"kode": f"RA-X.{n}", "penanggung_jawab": who})
             for n, who in enumerate(["PPK", "Koordinator Pokja Pemilihan", "PPK"], 1)]
    params = shipped_params.model_copy(update={"indikator": [first.model_copy(update={"rencana_aksi": three}), second]})
    brief = planning.action_plan_brief(params)
    assert list(brief["kode"]) == [first.kode, second.kode]
    assert brief.iloc[0][["nama", "jumlah", "penanggung_jawab", "status"]].tolist() == [
        first.nama, 3, "PPK; Koordinator Pokja Pemilihan", "Ditetapkan"]
    assert brief.iloc[1]["jumlah"] == len(second.rencana_aksi)
