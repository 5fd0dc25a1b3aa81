"""`kinerja init`: a complete, valid parameter file for one K/L/PD and year from the store.

The store is built the way an analyst builds it: the real LKPP ISB download of Kab. Bandung
(D107, 2025, ../shared/data/lkpp-isb-samples) loaded with kinerja.inputs.register, plus the one real
tender of another K/L/PD (B154, PDAM Tirta Raharja) taken from the older full export
(../shared/data/lkpp-isb-sample) into its own folder.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from kinerja.apps import cli, init_params, klpd
from kinerja.core import config, parse, paths
from kinerja.core.periods import Period
from kinerja.inputs import packages, register, store
from kinerja.inputs.schemas import BY_KIND, SOP
from kinerja.methods import indicators

SHARED = paths.ROOT.parent / "shared" / "data"
SAMPLES = SHARED / "lkpp-isb-samples"
OLD_SAMPLE = SHARED / "lkpp-isb-sample"
TENDER = "47_1013_SPSE-TenderPengumuman.json"
ISI = "# ISI:"
USULAN = "# USULAN:"
SATKER_LINE = re.compile(r"^#   - (\S+)  (.+?)(?:  \[[\d, ]+\])?$")



CODES = [f"IKP-{n:02d}" for n in range(1, 13)] + ["IKP-15", "IKP-13", "IKP-14"]  # catalogue order

def _other_klpd_folder(base: Path) -> Path:
    """The real B154 tender rows of the older export, as a download folder of their own."""
    rows = [r for r in json.loads((OLD_SAMPLE / TENDER).read_text(encoding="utf-8"))
            if r["kd_klpd"] == "B154"]
    assert rows, "the older export is expected to hold a tender of K/L/PD B154"
    folder = base / "unduhan-b154"
    folder.mkdir()
    (folder / TENDER).write_text(json.dumps(rows), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def isb_samples_store(tmp_path_factory):
    for folder in (SAMPLES, OLD_SAMPLE):
        if not folder.is_dir():
            pytest.fail(f"the real LKPP samples are expected at {folder} (../shared beside the repo)")
    base = tmp_path_factory.mktemp("init")
    other = _other_klpd_folder(base)
    db = base / "kinerja.duckdb"
    con = store.connect(db)
    try:
        results = register.load(con, [SAMPLES, other])
    finally:
        con.close()
    assert any(r.status == "loaded" and r.dataset == "tender" for r in results)
    return {"base": base, "db": db, "other": other}


def _init(*args) -> int:
    return cli.main(["init", *map(str, args)])


@pytest.fixture(scope="module")
def written(isb_samples_store, tmp_path_factory):
    """The file `kinerja init --klpd D107 --tahun 2025` writes on the sample store, and its output."""
    out = tmp_path_factory.mktemp("out") / "bandung-2025.yaml"
    capture = {}
    buf, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(err):
        capture["rc"] = _init("--klpd", "D107", "--tahun", 2025, "--out", out, "--store", isb_samples_store["db"])
    capture.update(out=out, stdout=buf.getvalue(), stderr=err.getvalue(),
                   text=out.read_text(encoding="utf-8") if out.exists() else "")
    return capture


def _listed_satker(text: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in map(SATKER_LINE.match, text.splitlines()) if m}


def _own_satker_keys(db: Path, kode: str) -> set[str]:
    """The satker the K/L/PD's processes name and those of its satker master (RUP-MasterSatker),
    not those of the context datasets (e-Katalog, Toko Daring)."""
    con = store.connect(db, read_only=True)
    try:
        tables = [store.table_name(d) for d in (*SOP, BY_KIND["satker"]) if "kd_satker" in d.names]
        return {r[0] for t in tables for r in con.execute(
            f"SELECT DISTINCT satker_key FROM {t} WHERE kd_klpd = ? AND satker_key IS NOT NULL",
            [kode]).fetchall()}
    finally:
        con.close()


# --------------------------------------------------------------------------- the written file

def test_writes_a_valid_parameter_file_for_the_klpd_and_year(written, isb_samples_store):
    assert written["rc"] == 0, written["stderr"]
    params = config.load(written["out"])  # valid for the loader
    assert params.ukpbj.kd_klpd == "D107"
    assert params.tahun == 2025
    assert params.ukpbj.instansi == "Pemerintah Kabupaten Bandung"
    # the letterhead colours of the presentation decks are written out (quoted: '#' starts a comment)
    assert "  warna_utama: '#1f5f8b'\n" in written["text"] and "  warna_aksen: '#f9a825'\n" in written["text"]
    assert (params.ukpbj.warna_utama, params.ukpbj.warna_aksen) == ("#1f5f8b", "#f9a825")
    assert "Kabupaten Bandung" in params.ukpbj.nama and "Kab. Bandung" in params.ukpbj.singkatan
    # The register is the sample folder (loaded whole), not the other K/L/PD's download; paths are
    # written relative to the project folder, never absolute.
    assert params.data.register_paket == [paths.shown(SAMPLES)] == ["../shared/data/lkpp-isb-samples"]
    assert params.register_files == [paths.absolute(SAMPLES)]
    assert params.store_path == isb_samples_store["db"].resolve()
    assert not Path(params.data.store).is_absolute()
    assert not re.search(r"^\s*(store|- ).*'/", written["text"], re.M)  # no absolute path anywhere
    raw = yaml.safe_load(written["text"])
    assert "survei" not in raw["data"] and "formulir" not in raw["data"]
    assert params.survey_dir is None and params.forms_dir is None
    # the national catalogue: 15 indicators (IKP-15, the rated contracts, beside the provider index in
    # its area), goals, strategic areas, method defaults
    assert [i.kode for i in params.indikator] == CODES
    assert {t.kode for t in params.tujuan} == {"TP-01", "TP-02", "TP-03"}
    assert [a.kode for a in params.area_strategis] == [f"AS-0{n}" for n in range(1, 6)]
    assert params.metode == config.Metode()
    assert all(i.rencana_aksi for i in params.indikator)


def test_lists_the_klpd_satker_and_not_another_klpd(written, isb_samples_store):
    listed = _listed_satker(written["text"])
    own = _own_satker_keys(isb_samples_store["db"], "D107")
    assert len(own) == 43  # 30 named by processes, 13 more only in the satker master
    master = {str(r["kd_satker_str"]): r["nama_satker"] for r in json.loads(
        next(SAMPLES.glob("*_RUP-MasterSatker.json")).read_text(encoding="utf-8"))}
    assert {k: listed[k] for k in master} == master  # names as the satker master gives them
    assert set(parse.code_key(pd.Series(list(listed)))) == own
    assert len(listed) == len(own)  # one line per satker (codes normalised)
    assert listed["1.01.0.00.0.00.01.0000"] == "DINAS PENDIDIKAN"
    assert listed["1.03.2.15.1.04.03.0000"] == "DINAS PEKERJAAN UMUM DAN TATA RUANG"
    # the B154 tender's satker (kd_satker_str '01', PDAM Tirta Raharja) is not listed
    assert "PDAM" not in written["text"] and "Tirta Raharja" not in written["text"]
    assert "01" not in listed and "1" not in listed
    assert str(isb_samples_store["other"]) not in written["text"]


def test_every_placeholder_line_carries_an_isi_comment(written):
    lines = written["text"].splitlines()
    values = [ln for ln in lines if not ln.lstrip().startswith("#")]
    placeholders = [ln for ln in values if "'ISI:" in ln]
    assert len(placeholders) >= 25  # address, city, contacts, officials, team, letters
    assert all(ISI in ln for ln in placeholders), [ln for ln in placeholders if ISI not in ln]
    hits = [ln for ln in values if ln.strip().startswith("tanggal:")]
    assert len(hits) == 3 and all(ISI in ln for ln in hits)
    # a baseline left null is shown as not available: a hint, not a value to refuse
    hits = [ln for ln in values if ln.strip().startswith("baseline: null")]
    assert hits and not any(ISI in ln or USULAN in ln for ln in hits)
    params = config.load(written["out"])
    people = [params.pejabat.kepala_ukpbj, params.pejabat.penandatangan_surat_edaran,
              params.pejabat.ketua_tim_kematangan, params.pejabat.koordinator,
              *params.tim.pengumpul_data, *params.tim.pengolah_data]
    assert all(p.nama.startswith("ISI: nama ") and p.nip.startswith("ISI:") for p in people)
    assert params.pejabat.kepala_ukpbj.nama == "ISI: nama Kepala UKPBJ"
    for value in (params.ukpbj.alamat, params.ukpbj.telepon, params.ukpbj.email,
                  params.surat.surat_tugas.nomor, params.surat.surat_edaran.nomor,
                  params.surat.dokumen_perencanaan.nomor):
        assert value.startswith("ISI:")
    # survey indicators have no register baseline: null, to be filled
    by_code = {i.kode: i for i in params.indikator}
    assert by_code["IKP-12"].baseline is None and by_code["IKP-13"].baseline is None
    # the counts printed are the numbers of '# ISI:' and '# USULAN:' lines
    count = sum(ISI in ln for ln in lines)
    assert f"'# ISI:'): {count};" in written["stdout"]
    assert f"'# USULAN:'): {sum(USULAN in ln for ln in lines)};" in written["stdout"]
    assert params.unfilled() and all(params.marks[k] == "ISI" for k in params.unfilled())
    assert "ukpbj.nomor_sop" in params.unfilled() and "pejabat.kepala_ukpbj.nip" in params.unfilled()


def test_defaults_without_a_national_basis_are_marked_as_proposals(written):
    params = config.load(written["out"])
    n = len(params.indikator)
    for key in ("tujuan[0].nama", "area_strategis[4].nama", "indikator[0].nama", "indikator[0].definisi",
                "indikator[0].rumus", "indikator[13].rencana_aksi", "metode.populasi_responden_internal"):
        assert params.proposed(key), key
    assert not params.proposed("indikator[0].area") and not params.proposed("indikator[0].kode")
    # only the targets with a national (or international) anchor are called national defaults
    anchored = {i.kode for n_, i in enumerate(params.indikator) if not params.proposed(f"indikator[{n_}].target")}
    assert anchored == {"IKP-06", "IKP-09", "IKP-10", "IKP-14"}
    targets = [ln for ln in written["text"].splitlines() if ln.strip().startswith("target:")]
    assert len(targets) == n
    assert sum("target bawaan nasional" in ln for ln in targets) == 3  # PDN, UMK, IKM eksternal (mutu B)
    assert sum("target bawaan internasional" in ln for ln in targets) == 1  # single bidder (EU/OECD)
    assert all(USULAN in ln and "target usulan buku kerja, tanpa acuan nasional" in ln for ln in targets
               if "target bawaan" not in ln)


def test_prints_file_klpd_satker_years_and_lines_to_fill(written):
    out = written["stdout"]
    assert str(written["out"].resolve()) in out
    assert "D107 Kab. Bandung" in out
    assert "Satuan kerja (satker/OPD) di basis data: 43" in out
    assert "Tahun anggaran yang ditemukan: 2025." in out
    assert "Perhatian" not in out  # 2025 is in the store
    assert written["stderr"] == ""


def test_no_kaltim_wording_and_kaltim_targets_kept_as_defaults(written):
    catalogue_text = init_params.CATALOGUE.read_text(encoding="utf-8")
    for word in ("Kaltim", "Kalimantan", "Samarinda", "Biro", "Kepala Bagian"):
        assert word not in catalogue_text and word not in written["text"], word
    kaltim = {i.kode: i for i in config.load(paths.DEFAULT_PARAMS).indikator}
    params = config.load(written["out"])
    assert len(kaltim) == len(params.indikator) == 15
    for ind in params.indikator:
        assert ind.target == kaltim[ind.kode].target
        assert (ind.ukuran, ind.area, ind.polaritas) == (kaltim[ind.kode].ukuran, kaltim[ind.kode].area,
                                                         kaltim[ind.kode].polaritas)
        assert all("2025" in ra.jadwal for ra in ind.rencana_aksi)


# --------------------------------------------------------------------------- refusals

def test_existing_file_is_never_overwritten(isb_samples_store, tmp_path, capsys):
    out = tmp_path / "ada.yaml"
    out.write_text("# berkas analis\n", encoding="utf-8")
    rc = _init("--klpd", "D107", "--tahun", 2025, "--out", out, "--store", isb_samples_store["db"])
    captured = capsys.readouterr()
    assert rc == 2
    assert out.read_text(encoding="utf-8") == "# berkas analis\n"
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "sudah ada" in lines[0] and "Traceback" not in captured.err
    assert captured.out == ""


def test_unknown_klpd_exits_2_with_one_line(isb_samples_store, tmp_path, capsys):
    out = tmp_path / "d999.yaml"
    rc = _init("--klpd", "D999", "--tahun", 2025, "--out", out, "--store", isb_samples_store["db"])
    captured = capsys.readouterr()
    assert rc == 2 and not out.exists()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert "K/L/PD D999 tidak ada di basis data" in lines[0]
    assert "muat unduhan LKPP dahulu dengan kinerja register" in lines[0]
    assert "D107" in lines[0]  # what the store does hold


def test_missing_store_exits_2_and_creates_nothing(tmp_path, capsys):
    db, out = tmp_path / "belum.duckdb", tmp_path / "x.yaml"
    rc = _init("--klpd", "D107", "--tahun", 2025, "--out", out, "--store", db)
    err = capsys.readouterr().err.strip().splitlines()
    assert rc == 2 and len(err) == 1 and "tidak ada di basis data" in err[0]
    assert not db.exists() and not out.exists()


# --------------------------------------------------------------------------- --register

def test_register_option_loads_and_records_the_files(isb_samples_store, tmp_path, monkeypatch, capsys):
    db, out = tmp_path / "baru.duckdb", tmp_path / "p.yaml"
    monkeypatch.chdir(tmp_path)
    relative = Path(os.path.relpath(SAMPLES, tmp_path))  # recorded absolute
    rc = _init("--klpd", "D107", "--tahun", 2025, "--out", out, "--store", db,
               "--register", relative, isb_samples_store["other"])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    params = config.load(out)
    assert params.register_files == [paths.absolute(SAMPLES), paths.absolute(isb_samples_store["other"])]
    assert not any(Path(p).is_absolute() for p in params.data.register_paket)  # relative to the project
    con = store.connect(db, read_only=True)
    try:
        loaded = {Path(r[0]).parent for r in con.execute(
            "SELECT path FROM register_files WHERE status = 'loaded'").fetchall()}
        tenders = con.execute("SELECT count(*) FROM reg_tender WHERE kd_klpd = 'D107'").fetchone()[0]
    finally:
        con.close()
    assert loaded == {paths.absolute(SAMPLES), paths.absolute(isb_samples_store["other"])}
    assert tenders > 0
    assert "Register:" in captured.out and "berkas dimuat" in captured.out


def test_partly_loaded_folder_is_recorded_file_by_file(tmp_path):
    folder = tmp_path / "unduhan"
    folder.mkdir()
    for name in (TENDER, "21_1018_RUP-PaketPenyedia-Terumumkan.json"):
        shutil.copy(SAMPLES / name, folder / name)
    con = store.connect(tmp_path / "s.duckdb")
    try:
        register.load(con, [folder / TENDER])  # one file of two
        recorded, missing = klpd.recorded_registers(con, "D107")
        assert recorded == [str((folder / TENDER).resolve())] and missing == []
        register.load(con, [folder])  # now the whole folder
        assert klpd.recorded_registers(con, "D107") == ([str(folder.resolve())], [])
    finally:
        con.close()


# --------------------------------------------------------------------------- using the file

def test_kpi_runs_on_the_written_file(written, capsys):
    rc = cli.main(["kpi", "--params", str(written["out"]), "--period", "2025", "--json"])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    rows = {r["kode"]: r for r in json.loads(captured.out)}
    assert list(rows) == CODES
    assert rows["IKP-01"]["nilai"] is not None and rows["IKP-01"]["jumlah_paket"] > 0
    assert rows["IKP-03"]["jumlah_proses"] > 0


def test_run_parameter_checks_pass_on_the_written_file(written):
    from kinerja.pipeline import workbook

    params = config.load(written["out"])
    assert params.register_files and all(f.exists() for f in params.register_files)
    results = workbook.ensure_register(params, params.store_path)  # what kinerja run does first
    assert results and not [r for r in results if r.status == "error"]
    assert {r.status for r in results} <= {"unchanged", "outside", "empty", "rejected"}


def test_baselines_come_from_the_previous_years_register(isb_samples_store, tmp_path, capsys):
    out = tmp_path / "bandung-2026.yaml"
    rc = _init("--klpd", "d107", "--tahun", 2026, "--out", out, "--store", isb_samples_store["db"])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    assert "Perhatian: belum ada baris tahun 2026" in captured.out
    params = config.load(out)
    assert params.ukpbj.kd_klpd == "D107"
    con = store.connect(isb_samples_store["db"], read_only=True)
    try:
        pk = packages.load_packages(con, params.metode.metode_dalam_lingkup, "D107")
    finally:
        con.close()
    expected = indicators.realisation(pk, params.indikator, Period(2025),
                                      scope=params.metode.metode_dalam_lingkup, areas=params.area_strategis)
    got = {i.kode: i.baseline for i in params.indikator}
    for _, r in expected.iterrows():
        if r["nilai"] == r["nilai"]:  # not NaN: a register baseline, written rounded
            assert got[r["kode"]] == pytest.approx(r["nilai"], abs=1e-4), r["kode"]
        else:
            assert got[r["kode"]] is None, r["kode"]
    assert got["IKP-01"] is not None
    assert got["IKP-12"] is None and got["IKP-14"] is None
    text = out.read_text(encoding="utf-8")
    assert "baseline: null" in text
    assert all("# isi bila diketahui" in ln for ln in text.splitlines() if ln.strip().startswith("baseline: null"))


def test_names_derived_from_the_klpd_name():
    kab = klpd.derive_names("Kab. Bandung")
    assert kab["instansi"] == "Pemerintah Kabupaten Bandung" and kab["kota"] is None
    kota = klpd.derive_names("Kota Bandung")
    assert kota["instansi"] == "Pemerintah Kota Bandung" and kota["kota"] == "Bandung"
    prov = klpd.derive_names("Provinsi Jawa Barat")
    assert prov["instansi"] == "Pemerintah Provinsi Jawa Barat"
    kl = klpd.derive_names("Kementerian Keuangan")
    assert kl["instansi"] == "Kementerian Keuangan" and not kl["pemda"]
    assert kl["nama"] == "Unit Kerja Pengadaan Barang/Jasa Kementerian Keuangan"


def test_a_download_reached_through_a_link_is_written_under_that_name(tmp_path):
    """../shared may be a link (a fresh clone beside a linked shared folder): the store records,
    and init writes, the folder under the name it was registered by, not the link's target."""
    link = tmp_path / "unduhan-tautan"
    link.symlink_to(SAMPLES, target_is_directory=True)
    db = tmp_path / "s.duckdb"
    con = store.connect(db)
    try:
        register.load(con, [link])
    finally:
        con.close()
    out = tmp_path / "p.yaml"
    with contextlib.redirect_stdout(io.StringIO()):
        assert _init("--klpd", "D107", "--tahun", 2025, "--out", out, "--store", db) == 0
    params = config.load(out)
    assert params.data.register_paket == [paths.shown(link)] and "unduhan-tautan" in paths.shown(link)
    assert params.register_files == [link] and params.register_files[0].resolve() == SAMPLES.resolve()
