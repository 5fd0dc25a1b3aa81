"""Incremental runs: a stage re-runs exactly when something it depends on changed (its notebook,
the lib code, a parameter section it reads, its store data by content, an earlier stage's result
by content, or more output asked for), else its files are reused — and a reused file is never a
stale one.

Most tests run `batch.run` in-process with the notebook execution replaced by a stand-in that
reproduces the stage's files from the suite's shared run (conftest `annual_run`): the decision
what to run is the real one and costs nothing. Two tests execute the notebooks for real: an
edit of the report's section re-runs only 06_laporan, and a changed survey file re-runs the
stages that read surveys with the new number in their results.
"""

import json
import os
import shutil
from pathlib import Path

import docx
import pandas as pd
import pytest
from kinerja.core import config, paths
from kinerja.pipeline import batch, fingerprint, stages, workbook
from kinerja.pipeline import results as stage_results
from kinerja.render import slides

ALL = [s.notebook for s in stages.STAGES]
WAVE_1 = ALL[:5]
SURVEY_READERS = [s.notebook for s in stages.STAGES if stages.SURVEYS in s.data]


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def _earlier(annual_run: Path, tmp_path: Path) -> Path:
    """A run folder holding the shared run's outputs (hard links), for a new run to replace."""
    out = tmp_path / "keluaran" / "2024"
    shutil.copytree(annual_run, out, copy_function=os.link)
    return out


def _variant(small_demo, name: str, **sections) -> Path:
    """The shared world's parameter file with some sections changed (same data, same store)."""
    raw = {**small_demo.raw, **sections}
    return small_demo.write_params(name, raw)


class StandIn:
    """Replaces the notebook execution and rendering: a stage 'runs' by reproducing its files from
    a reference run, and the stages run are recorded. `change` (notebook -> callable(out)) alters
    what a stage writes, e.g. a different result."""

    def __init__(self, reference: Path, monkeypatch, change=None):
        self.reference, self.ran, self.change, self.parameters = reference, [], change or {}, {}
        self.entries = {e["notebook"]: e for e in _manifest(reference)["stages"]}
        monkeypatch.setattr(batch, "execute", self.execute)
        monkeypatch.setattr(batch, "render", self.render)

    def execute(self, stage, out, parameters):
        self.ran.append(stage.notebook)
        self.parameters[stage.notebook] = parameters
        report = {f"{stage.notebook}.html", f"{stage.notebook}.pdf"}
        with open(out / "artifacts.jsonl", "a", encoding="utf-8") as log:
            for f in self.entries[stage.notebook]["files"]:
                if f["path"] in report or (f["path"].startswith("formulir/")
                                           and not parameters.get("formulir_berikut")):
                    continue
                target = out / f["path"]
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(self.reference / f["path"], target)
                if f.get("artifact"):
                    log.write(json.dumps({"format": f["format"], "path": str(target.resolve()),
                                          "stage": stage.notebook}) + "\n")
        if stage.notebook in self.change:
            self.change[stage.notebook](out)
        return out / f"{stage.notebook}.ipynb"

    def render(self, stage, executed, params, period, demo=False, pdf=True, draft=False):
        made = [executed.with_suffix(".html")] + ([executed.with_suffix(".pdf")] if pdf else [])
        for path in made:
            shutil.copy2(self.reference / path.name, path)
        return made


def _why(folder: Path) -> dict[str, list[str]]:
    return {e["notebook"]: e["why"] for e in _manifest(folder)["stages"] if not e["reused"]}


FULL = batch.Options(pdf=True, formulir=True)  # what the shared run made


# ------------------------------------------------------------------------------ declarations

def test_each_result_has_one_writer_a_contract_and_readers_come_later():
    written = [r for s in stages.STAGES for r in s.results]
    assert len(written) == len(set(written)) and set(written) == set(stage_results.CONTRACTS)
    for s in stages.STAGES:
        for r in s.upstream:
            assert ALL.index(stages.WRITER[r].notebook) < ALL.index(s.notebook), (s.notebook, r)
    assert [[s.notebook for s in w] for w in stages.waves()] == [WAVE_1, ["06_laporan"]]


def test_the_shared_run_wrote_exactly_the_declared_results(annual_run):
    hasil = {p.stem for p in (annual_run / "hasil").glob("*.parquet")}
    assert hasil == set(stage_results.CONTRACTS)
    for name in hasil:
        stage_results.check(name, pd.read_parquet(annual_run / "hasil" / f"{name}.parquet"), "uji")


def test_a_result_off_its_contract_is_refused_naming_each_column(tmp_path):
    good = pd.DataFrame({"area": ["AS-01"], "area_nama": ["Efisiensi"], "nama_satker": ["Dinas A"],
                         "jumlah_paket": [3], "pagu": [1.5e9]})
    stage_results.write(tmp_path, "01_pemetaan_area", good, "01_perencanaan")
    bad = good.drop(columns="pagu").assign(jumlah_paket=[2.5], catatan=["x"])
    with pytest.raises(stage_results.ResultError) as err:
        stage_results.write(tmp_path, "01_pemetaan_area", bad, "01_perencanaan")
    text = str(err.value)
    assert "kolom 'pagu' tidak ada" in text and "kolom 'catatan' tidak dideklarasikan" in text
    assert "kolom 'jumlah_paket' bukan bilangan bulat" in text
    with pytest.raises(stage_results.ResultError, match="tidak mendeklarasikan hasil '01_pemetaan_area'"):
        stage_results.write(tmp_path, "01_pemetaan_area", good, "03_kepuasan")
    # whole numbers stored as floats (a column with gaps) and empty columns fit
    gaps = good.assign(jumlah_paket=[3.0], area_nama=[None])
    stage_results.check("01_pemetaan_area", gaps, "uji")


def test_reading_results_not_there_names_the_stages_to_run(tmp_path):
    with pytest.raises(stage_results.ResultError) as err:
        stage_results.read(tmp_path, ("03_ikm", "04_indeks"), "06_laporan")
    assert "03_ikm, 04_indeks tidak ada" in str(err.value)
    assert "Jalankan tahap 03_kepuasan, 04_penyedia lebih dahulu" in str(err.value)


def test_a_stage_sees_only_its_declared_parameter_sections(small_demo, tmp_path):
    ctx = workbook.context(small_demo.params, "2024", output=tmp_path, prepare=False, stage="03_kepuasan")
    assert ctx.params.metode.bobot_ikm and ctx.params.tahun == 2024 and ctx.params.store_path
    for read in (lambda p: p.laporan.revisi, lambda p: list(p.indikator), lambda p: bool(p.surat)):
        with pytest.raises(workbook.UndeclaredSection) as err:
            read(ctx.params)
        assert "Tahap 03_kepuasan membaca bagian" in str(err.value)
    with pytest.raises(stage_results.ResultError, match="Hanya notebook tahap"):
        workbook.context(small_demo.params, "2024", output=tmp_path, prepare=False).upstream()


def test_every_stage_notebook_names_itself_and_hands_results_over_through_the_context():
    for s in stages.STAGES:
        code = "".join("".join(c["source"]) for c in json.loads(
            (paths.NOTEBOOKS / f"{s.notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "code")
        assert f'stage="{s.notebook}"' in code, s.notebook
        assert "to_parquet" not in code and "read_parquet" not in code, s.notebook


# ------------------------------------------------------------------------------ digests

def test_lib_digest_follows_the_rules_not_the_apps_or_caches(tmp_path, monkeypatch):
    lib = tmp_path / "kinerja"
    shutil.copytree(fingerprint.LIB, lib, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "LIB", lib)
    before = fingerprint.lib_digest()
    (lib / "apps" / "cli.py").write_text("# changed\n", encoding="utf-8")
    (lib / "methods" / "__pycache__").mkdir()
    (lib / "methods" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert fingerprint.lib_digest() == before
    with open(lib / "methods" / "satisfaction.py", "a", encoding="utf-8") as fh:
        fh.write("# a rule changed\n")
    assert fingerprint.lib_digest() != before


def test_section_digests_change_only_with_their_section(small_demo):
    params = config.load(small_demo.params)
    changed = params.model_copy(update={"laporan": params.laporan.model_copy(update={"catatan": "x"})})
    a, b = fingerprint.section_digests(params), fingerprint.section_digests(changed)
    assert {k for k in a if a[k] != b[k]} == {"laporan"}


def test_data_digests_follow_rows_and_bytes_not_dates(small_demo, annual_run, tmp_path):
    from kinerja.inputs import register, store

    world = small_demo
    db = tmp_path / "salinan.duckdb"
    shutil.copy2(world.base / "kinerja.duckdb", db)
    params = config.load(world.params)
    inputs = [{"path": "x", "sha256": "y"}]
    before = fingerprint.data_digests(params, db, inputs)
    for f in world.survei.iterdir():  # a touched file is not a changed file
        os.utime(f)
    assert fingerprint.data_digests(params, db, inputs) == before
    # a register file with one package changed, loaded into the store: the register digest only
    rup = pd.read_csv(world.base / "register" / "rup_2024.csv", dtype=str, keep_default_na=False)
    rup.loc[0, "pagu"] = "123456789"
    extra = tmp_path / "tambahan"
    extra.mkdir()
    rup.to_csv(extra / "rup_2024.csv", index=False)
    con = store.connect(db)
    try:
        register.load(con, [extra])
    finally:
        con.close()
    after = fingerprint.data_digests(params, db, inputs)
    assert after[stages.REGISTER] != before[stages.REGISTER] and after[stages.SURVEYS] == before[stages.SURVEYS]
    # the report's list of register files counts as register data
    assert fingerprint.data_digests(params, db, inputs + [{"path": "z"}])[stages.REGISTER] != after[stages.REGISTER]


def test_why_names_every_kind_of_change():
    before = {"notebook": "a", "lib": "a", "packages": "a", "period": "2024", "params": {"metode": "a"},
              "data": {"register": "a", "survei": "a"}, "upstream": {"03_ikm": "a"}}
    now = {**before, "notebook": "b", "lib": "b", "params": {"metode": "b"}, "data": {"register": "a", "survei": "b"},
           "upstream": {"03_ikm": "b"}}
    assert fingerprint.why(now, before, {"pdf": True}, {"pdf": False}) == [
        "notebook tahap berubah", "kode lib berubah", "diminta keluaran tambahan (PDF/formulir)",
        "bagian parameter 'metode' berubah", "data survei berubah", "hasil tahap 03_ikm berubah"]
    assert fingerprint.why(before, None, {}, None) == ["belum ada keluaran sebelumnya untuk tahap ini"]


# ------------------------------------------------------------------------------ what runs (stand-in)

def test_nothing_changed_runs_nothing_and_takes_every_file_over(small_demo, annual_run, tmp_path, monkeypatch):
    out = _earlier(annual_run, tmp_path)
    stand_in = StandIn(annual_run, monkeypatch)
    batch.run(small_demo.params, out=out, progress=False, options=FULL)
    assert stand_in.ran == []
    manifest = _manifest(out)
    assert all(e["reused"] and e["execute_seconds"] == 0 for e in manifest["stages"])
    assert manifest["artifacts"] == _manifest(annual_run)["artifacts"]
    for a in manifest["artifacts"]:
        assert batch.file_sha256(out / a["path"]) == a["sha256"]
    batch.run(small_demo.params, out=out, progress=False)  # asking for less is served too
    assert stand_in.ran == [] and {a["format"] for a in _manifest(out)["artifacts"]} >= {"F4", "F5", "F8"}


@pytest.mark.parametrize("section, value, expected", [
    ("laporan", {"revisi": 0, "keputusan": "diterima", "catatan": "Disetujui."}, ["06_laporan"]),
    ("satuan_pelaksana", {"bawaan": "Bagian PBJ"}, ["05_pokja", "06_laporan"]),
    ("surat", None, ["01_perencanaan", "06_laporan"]),
])
def test_a_parameter_section_reruns_the_stages_that_read_it(small_demo, annual_run, tmp_path, monkeypatch,
                                                             section, value, expected):
    if section == "surat":  # another letter number
        value = {**small_demo.raw["surat"], "surat_tugas": {**small_demo.raw["surat"]["surat_tugas"],
                                                            "nomor": "800/999/UKPBJ"}}
    params = _variant(small_demo, f"kecil-2024-{section}.yaml", **{section: value})
    out = _earlier(annual_run, tmp_path)
    stand_in = StandIn(annual_run, monkeypatch)
    batch.run(params, out=out, progress=False, options=FULL)
    assert sorted(stand_in.ran) == expected
    assert _why(out) == {nb: [f"bagian parameter '{section}' berubah"] for nb in expected}


def test_a_changed_notebook_reruns_its_stage_and_identical_results_stop_there(small_demo, annual_run, tmp_path,
                                                                               monkeypatch):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(paths.NOTEBOOKS, notebooks)
    nb = json.loads((notebooks / "03_kepuasan.ipynb").read_text(encoding="utf-8"))
    nb["cells"][1]["source"].append("\n\nKalimat penjelasan baru.")
    (notebooks / "03_kepuasan.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    monkeypatch.setattr(paths, "NOTEBOOKS", notebooks)
    out = _earlier(annual_run, tmp_path)
    stand_in = StandIn(annual_run, monkeypatch)
    batch.run(small_demo.params, out=out, progress=False, options=FULL)
    assert stand_in.ran == ["03_kepuasan"]  # its results came out the same: 06_laporan is reused
    assert _why(out) == {"03_kepuasan": ["notebook tahap berubah"]}


def test_a_changed_upstream_result_reruns_the_report(small_demo, annual_run, tmp_path, monkeypatch):
    def other_index(out):
        path = out / "hasil" / "04_indeks.parquet"
        pd.read_parquet(path).assign(nilai=1.23).to_parquet(path)

    notebooks = tmp_path / "notebooks"
    shutil.copytree(paths.NOTEBOOKS, notebooks)
    with open(notebooks / "04_penyedia.ipynb", "a", encoding="utf-8") as fh:
        fh.write("\n")
    monkeypatch.setattr(paths, "NOTEBOOKS", notebooks)
    out = _earlier(annual_run, tmp_path)
    stand_in = StandIn(annual_run, monkeypatch, change={"04_penyedia": other_index})
    batch.run(small_demo.params, out=out, progress=False, options=FULL)
    assert stand_in.ran == ["04_penyedia", "06_laporan"]
    assert _why(out)["06_laporan"] == ["hasil tahap 04_indeks berubah"]


def test_changed_lib_code_reruns_every_stage(small_demo, annual_run, tmp_path, monkeypatch):
    monkeypatch.setattr(fingerprint, "lib_digest", lambda: "0" * 64)  # lib_digest itself: test above
    out = _earlier(annual_run, tmp_path)
    stand_in = StandIn(annual_run, monkeypatch)
    batch.run(small_demo.params, out=out, progress=False, options=FULL)
    assert sorted(stand_in.ran) == ALL and all(w == ["kode lib berubah"] for w in _why(out).values())


def test_a_draft_reruns_every_stage_and_tells_the_document_stages(small_demo, annual_run, tmp_path, monkeypatch):
    out = _earlier(annual_run, tmp_path)
    stand_in = StandIn(annual_run, monkeypatch)
    batch.run(small_demo.params, out=out, progress=False, options=FULL, draft=True)
    assert sorted(stand_in.ran) == ALL and all(w == ["tanda DRAF berubah"] for w in _why(out).values())
    told = {nb: p["draf"] for nb, p in stand_in.parameters.items() if "draf" in p}
    assert told == {"01_perencanaan": True, "06_laporan": True}  # the notebooks that write documents
    assert _manifest(out)["options"]["draf"] is True
    stand_in.ran.clear()
    batch.run(small_demo.params, out=out, progress=False, options=FULL)  # a draft never serves a signed run
    assert sorted(stand_in.ran) == ALL


def test_more_output_asked_reruns_only_what_lacks_it(small_demo, annual_run, tmp_path, monkeypatch):
    out = _earlier(annual_run, tmp_path)
    stand_in = StandIn(annual_run, monkeypatch)
    batch.run(small_demo.params, out=out, progress=False, force=True)  # plain: PDFs of F3, F15 only
    assert not (out / "04_penyedia.pdf").exists() and not (out / "formulir").exists()
    stand_in.ran.clear()
    batch.run(small_demo.params, out=out, progress=False, options=batch.Options(pdf=True))
    assert sorted(stand_in.ran) == ["02_survei_teknis", "03_kepuasan", "04_penyedia", "05_pokja"]
    assert set(map(tuple, _why(out).values())) == {("diminta keluaran tambahan (PDF/formulir)",)}


def test_a_changed_output_file_is_never_reused(small_demo, annual_run, tmp_path, monkeypatch):
    out = _earlier(annual_run, tmp_path)
    f6 = out / "F6_Rekap_Kinerja_Per_Penyedia.xlsx"
    f6.unlink()  # a hard link: replace it, never write through it
    f6.write_bytes(b"diubah tangan")
    stand_in = StandIn(annual_run, monkeypatch)
    batch.run(small_demo.params, out=out, progress=False, options=FULL)
    assert stand_in.ran == ["04_penyedia"]
    assert _why(out) == {"04_penyedia": ["keluaran sebelumnya tidak lengkap atau telah diubah"]}
    assert batch.file_sha256(f6) == batch.file_sha256(annual_run / f6.name)


def test_force_runs_every_stage(small_demo, annual_run, tmp_path, monkeypatch):
    out = _earlier(annual_run, tmp_path)
    stand_in = StandIn(annual_run, monkeypatch)
    batch.run(small_demo.params, out=out, progress=False, force=True, options=FULL)
    assert sorted(stand_in.ran) == ALL
    assert set(map(tuple, _why(out).values())) == {("dijalankan ulang atas permintaan (--force)",)}


# ------------------------------------------------------------------------------ for real

def test_editing_the_report_note_reexecutes_only_the_report(small_demo, annual_run, tmp_path):
    params = _variant(small_demo, "kecil-2024-catatan.yaml",
                      laporan={**small_demo.raw.get("laporan", {}), "catatan": "Tambahkan analisis OPD."})
    out = _earlier(annual_run, tmp_path)
    batch.run(params, out=out, progress=False, options=FULL)
    manifest = _manifest(out)
    assert [e["notebook"] for e in manifest["stages"] if not e["reused"]] == ["06_laporan"]
    assert manifest["stages"][-1]["execute_seconds"] > 0
    before = {a["path"]: a["sha256"] for a in _manifest(annual_run)["artifacts"]}
    for e in manifest["stages"][:-1]:
        for f in e["files"]:
            assert f["sha256"] == batch.file_sha256(annual_run / f["path"])
    assert "Tambahkan analisis OPD." in (out / "06_laporan.html").read_text(encoding="utf-8")
    f15 = next(a for a in manifest["artifacts"] if a["format"] == "F15" and a["path"].endswith(".docx"))
    assert f15["sha256"] != before[f15["path"]]
    assert "Tambahkan analisis OPD." in "\n".join(p.text for p in docx.Document(out / f15["path"]).paragraphs)
    # the presentation decks: the planning deck is taken over as it was, the report deck is made again
    decks = {a["path"]: a["sha256"] for a in manifest["artifacts"] if a["path"].endswith(".pptx")}
    assert decks["Materi_Presentasi_Perencanaan_2024.pptx"] == before["Materi_Presentasi_Perencanaan_2024.pptx"]
    assert decks["Materi_Presentasi_Laporan_2024.pptx"] != before["Materi_Presentasi_Laporan_2024.pptx"]
    title = slides.read_back(out / "Materi_Presentasi_Laporan_2024.pptx")[0]["texts"]
    assert "Catatan pimpinan: Tambahkan analisis OPD." in " ".join(title)


def test_a_changed_survey_file_reexecutes_the_stages_that_read_surveys(small_demo, annual_run, tmp_path):
    scores = small_demo.survei / "penilaian_penyedia_2024.csv"
    original = scores.read_bytes()
    table = pd.read_csv(scores, dtype=str, keep_default_na=False)
    row = table.index[table["putus_kontrak"] != "1"][1]
    table.loc[row, ["kualitas", "biaya", "waktu", "layanan"]] = "1"  # one package scored 1,00
    out = _earlier(annual_run, tmp_path)
    try:
        table.to_csv(scores, index=False)
        batch.run(small_demo.params, out=out, progress=False)
    finally:
        scores.write_bytes(original)
    why = _why(out)
    assert sorted(why) == SURVEY_READERS and all("data survei berubah" in w for w in why.values())
    package = pd.read_parquet(out / "hasil" / "04_penyedia_paket.parquet").set_index("baris")
    assert package.loc[row + 2, "nilai"] == 1.0  # spreadsheet row: header on row 1
    old = pd.read_parquet(annual_run / "hasil" / "04_indeks.parquet")["nilai"].iloc[0]
    assert pd.read_parquet(out / "hasil" / "04_indeks.parquet")["nilai"].iloc[0] < old
