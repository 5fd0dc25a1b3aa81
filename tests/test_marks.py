"""The marks a parameter file carries (kinerja.core.marks): `# ISI:` values no signed document may
carry (kinerja run refuses them unless --draf) and `# USULAN:` defaults the plan shows as
proposals; read from the comments, kept through the what-if save, part of what re-runs a stage;
and what the plan (F3) says with them: proposals marked, the legal basis only what exists."""

import json
import subprocess
import sys

import docx
import pandas as pd
import yaml
from kinerja.apps import cli, scenario
from kinerja.core import config, marks, paths
from kinerja.methods import indicators, planning
from kinerja.pipeline import fingerprint, many
from kinerja.render import documents
from reading import docx_text

SAMPLE = """\
ukpbj:
  nama: 'UKPBJ X'  # periksa
  alamat: 'ISI: alamat kantor'  # ISI: alamat kantor UKPBJ
  kota: 'ISI: kota'
  telepon: '021 # bukan komentar'  # USULAN: nomor bawaan
tujuan:
  - kode: 'TP-01'
    nama: 'Tujuan bawaan'  # USULAN: teks bawaan
indikator:
  - kode: 'IKP-01'
    target: 10.0  #  ISI: tetapkan target
    rencana_aksi:  # USULAN: rencana aksi bawaan
      - kode: 'RA-01'
    jenis: ['Barang']  # USULAN: daftar bawaan
    sumber:
      - 'SPSE'  # ISI: sumber
      - 'RUP'   # usulan: huruf kecil bukan tanda
"""


def test_the_marks_are_read_from_the_comments_and_the_placeholders():
    assert marks.read(SAMPLE) == {
        "ukpbj.alamat": "ISI", "ukpbj.kota": "ISI",              # a placeholder value, with or without comment
        "ukpbj.telepon": "USULAN",                               # a '#' inside the quotes is not the comment
        "tujuan[0].nama": "USULAN", "indikator[0].target": "ISI",
        "indikator[0].rencana_aksi": "USULAN", "indikator[0].jenis": "USULAN",
        "indikator[0].sumber[0]": "ISI"}
    assert marks.read(": : :") == {}  # a broken file is the loader's to report


def _demo_text() -> str:
    return paths.DEFAULT_PARAMS.read_text(encoding="utf-8")


def test_the_shipped_demo_file_has_nothing_unfilled_and_runs_as_it_is():
    params = config.load(paths.DEFAULT_PARAMS)
    assert params.unfilled() == [] and params.marks == {}


def _marked_file(tmp_path, text: str, name="berkas.yaml"):
    raw = yaml.safe_load(text)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, raw


def test_run_refuses_unfilled_values_naming_every_key_unless_draf(tmp_path, capsys):
    text = (_demo_text().replace("  kota: 'Samarinda'", "  kota: 'ISI: kota kedudukan'  # ISI: kota")
            .replace("    nomor: '000.9.3.3/012/B.PBJ-III'", "    nomor: 'ISI: nomor'  # ISI: nomor Surat Tugas"))
    path, _ = _marked_file(tmp_path, text)
    params = config.load(path)
    assert params.unfilled() == ["ukpbj.kota", "surat.surat_tugas.nomor"]
    out = tmp_path / "keluaran"
    assert cli.main(["run", "--params", str(path), "--out", str(out), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "masih memuat 2 nilai yang belum diisi" in err
    assert "ukpbj.kota, surat.surat_tugas.nomor" in err and "--draf" in err and "Traceback" not in err
    assert not out.exists()  # refused before anything was made
    # with --draf the run goes on (here to the next check: the register named in the file)
    moved = tmp_path / "lain.yaml"
    moved.write_text(text.replace("    - data/sample\n", "    - tidak/ada\n"), encoding="utf-8")
    assert cli.main(["run", "--params", str(moved), "--out", str(out), "--no-progress", "--draf"]) == 2
    assert "Register paket tidak ditemukan" in capsys.readouterr().err


def test_a_what_if_save_keeps_the_marks_and_a_mark_removed_reruns_the_plan(tmp_path):
    text = _demo_text().replace("    target: 10.0\n", "    target: 10.0  # USULAN: target usulan buku kerja\n", 1)
    assert "USULAN" in text
    saved = scenario.set_value(text, ("indikator", ("kode", "IKP-01"), "target"), "12.5")
    path, _ = _marked_file(tmp_path, saved)
    params = config.load(path)
    assert params.indikator[0].target == 12.5 and params.proposed("indikator[0].target")
    adopted, _ = _marked_file(tmp_path, saved.replace("  # USULAN: target usulan buku kerja", ""), "b.yaml")
    before, after = fingerprint.section_digests(params), fingerprint.section_digests(config.load(adopted))
    assert before["indikator"] != after["indikator"] and before["metode"] == after["metode"]


def test_the_plan_shows_proposals_as_proposals_and_cites_only_sops_that_exist(tmp_path):
    text = (_demo_text()
            .replace("  instansi: 'Pemerintah Provinsi Kalimantan Timur'", "  instansi: 'Pemerintah Kabupaten Bandung'")
            .replace("    target: 10.0\n", "    target: 10.0  # USULAN: target usulan buku kerja\n", 1)
            .replace("    rencana_aksi:\n", "    rencana_aksi:  # USULAN: rencana aksi bawaan\n", 1))
    lines = text.splitlines()
    first_goal = next(n for n, ln in enumerate(lines) if ln.startswith("tujuan:")) + 2
    lines[first_goal] += "  # USULAN: teks bawaan"
    path, _ = _marked_file(tmp_path, "\n".join(lines) + "\n")
    params = config.load(path)
    assert params.proposed("tujuan[0].nama") and params.proposed("indikator[0].target")
    plan = pd.DataFrame([{"kode": i.kode, "nama": i.nama, "area": i.area, "definisi": i.definisi, "rumus": i.rumus,
                          "satuan": i.satuan, "polaritas": i.polaritas, "sumber_data": i.sumber_data,
                          "frekuensi": i.frekuensi, "penanggung_jawab": i.penanggung_jawab, "baseline": None,
                          "baseline_sumber": "Belum tersedia", "target": i.target} for i in params.indikator])
    pemetaan = pd.DataFrame(columns=["area", "area_nama", "nama_satker", "jumlah_paket", "pagu"])
    f3 = docx_text(documents.dokumen_perencanaan(params, plan, pemetaan, tmp_path / "F3.docx"))
    assert f"{params.tujuan[0].nama} ({planning.PROPOSAL})" in f3
    assert f"{params.tujuan[1].nama} ({planning.PROPOSAL})" not in f3
    assert f"10,00% ({planning.PROPOSAL})" in f3                  # the attribute table's target
    assert f3.count(planning.PROPOSAL) >= 4 and "3 isian dokumen ini masih berupa usulan" in f3
    assert f"{planning.PROPOSAL}: rencana aksi umum bawaan" in f3    # IKP-01's plans, not the others'
    assert f3.count("rencana aksi umum bawaan buku kerja") == 1
    # the legal basis: the model SOP, never a title made from the unit's name
    assert "Pengadaan Barang/Jasa Pemerintah Kabupaten Bandung" not in f3
    assert documents.SOP_ACUAN + " (acuan prosedur)" in f3
    numbered = params.model_copy(update={"ukpbj": params.ukpbj.model_copy(update={"nomor_sop": "027/12/SOP/2025"})})
    f1 = docx_text(documents.surat_tugas(numbered, tmp_path / "F1.docx"))
    assert f"Pengadaan Barang/Jasa {params.ukpbj.nama} Nomor 027/12/SOP/2025" in f1
    assert "Dasbor Status Nilai Indikator Kinerja" in f1 and "Dashboard" not in f1
    assert not docx.Document(tmp_path / "F1.docx").sections[0].header.paragraphs[0].text


def test_run_many_refuses_unfilled_values_unless_draf(tmp_path):
    text = _demo_text().replace("  kota: 'Samarinda'", "  kota: 'ISI: kota kedudukan'  # ISI: kota")
    path, _ = _marked_file(tmp_path, text.replace("    - data/sample\n", "    - tidak/ada\n"), "belum-2024.yaml")
    (job,), refused = many.plan([path], out_base=tmp_path / "keluaran")
    assert not refused and job.draft is False
    signed = many.run_one(job)
    assert signed.status == many.FAILED and "masih memuat 1 nilai yang belum diisi" in signed.message
    assert "ukpbj.kota" in signed.message
    # --draf reaches every run: it goes on, here to the next check (the register named in the file)
    done = subprocess.run([sys.executable, "-m", "kinerja", "run-many", str(path), "--out",
                           str(tmp_path / "keluaran"), "--draf", "--json"], capture_output=True, text=True)
    (draft,) = json.loads(done.stdout)
    assert done.returncode == 1 and draft["status"] == "failed", done.stderr
    assert "Register paket tidak ditemukan" in draft["message"] and "belum diisi" not in draft["message"]
