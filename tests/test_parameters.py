"""The shipped parameter file (parameters/kaltim-2024.yaml) and the loader's messages.

A wrong parameter file must end in one `ParameterError` with Indonesian text naming the key,
never in a traceback; the bad variants are built from the shipped file.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from kinerja.apps import parameter_text
from kinerja.core import config, paths
from kinerja.core.config import MEASURES, METODE_DALAM_LINGKUP, ParameterError

PARAMS = paths.DEFAULT_PARAMS
JENIS = ("Barang", "Pekerjaan Konstruksi", "Jasa Konsultansi", "Jasa Lainnya")
ENGLISH = ("Input should", "Field required", "Extra inputs", "Value error", "should have",
           "Traceback", " or ")


# --------------------------------------------------------------------------- helpers

@pytest.fixture
def kaltim_as_dict():
    """The shipped file as a plain dict, to be modified into a bad variant."""
    return yaml.safe_load(PARAMS.read_text(encoding="utf-8"))


def _write(tmp_path: Path, data, name="param.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _error(path) -> str:
    """Load a bad file; return the message of the ParameterError (and check it hides the cause)."""
    with pytest.raises(ParameterError) as info:
        config.load(path)
    exc = info.value
    chained = exc.__cause__ is not None or (exc.__context__ is not None and not exc.__suppress_context__)
    assert not chained, "pesan tidak boleh membawa traceback pengecualian lain"
    return str(exc)


def _lines(message: str) -> list[str]:
    return [ln[2:] for ln in message.splitlines() if ln.startswith("- ")]


def _no_english(message: str) -> None:
    for word in ENGLISH:
        assert word not in message, f"teks berbahasa Inggris {word!r} dalam pesan: {message}"


# --------------------------------------------------------------------------- the shipped file

def test_shipped_file_loads(shipped_params):
    assert shipped_params.tahun == 2024
    assert shipped_params.source == PARAMS.resolve()
    assert shipped_params.ukpbj.singkatan == "Biro PBJ Setda Prov. Kaltim"
    assert shipped_params.ukpbj.kota == "Samarinda"


def test_catalogue_size(shipped_params):
    assert len(shipped_params.indikator) >= 12
    used_areas = {i.area for i in shipped_params.indikator}
    assert len(used_areas) >= 4
    area_goal = {a.kode: a.tujuan for a in shipped_params.area_strategis}
    assert len({area_goal[a] for a in used_areas}) >= 2
    # every declared area carries an indicator, every goal an area
    assert used_areas == set(area_goal)
    assert {t.kode for t in shipped_params.tujuan} == set(area_goal.values())


def test_codes_unique(shipped_params):
    for items in (shipped_params.tujuan, shipped_params.area_strategis, shipped_params.indikator,
                  [ra for i in shipped_params.indikator for ra in i.rencana_aksi]):
        codes = [x.kode for x in items]
        assert len(codes) == len(set(codes)), codes


def test_every_indicator_complete(shipped_params):
    text_attrs = ("kode", "nama", "area", "definisi", "rumus", "ukuran", "satuan", "polaritas",
                  "sumber_data", "frekuensi", "penanggung_jawab")
    for ind in shipped_params.indikator:
        for attr in text_attrs:
            assert str(getattr(ind, attr)).strip(), f"{ind.kode}: atribut {attr} kosong"
        assert re.fullmatch(r"IKP-\d{2}", ind.kode)
        assert ind.target is not None
        assert len(ind.rencana_aksi) >= 1, ind.kode
        for ra in ind.rencana_aksi:
            for attr in ("kode", "uraian", "jadwal", "keluaran", "penanggung_jawab"):
                assert getattr(ra, attr).strip(), f"{ind.kode}/{ra.kode}: {attr} kosong"
            # RA-01.1 belongs to IKP-01
            assert ra.kode.startswith("RA-" + ind.kode.removeprefix("IKP-") + "."), ra.kode


def test_every_measure_used_once(shipped_params):
    from kinerja.core.measures import MEASURES as DEFINED
    used = [i.ukuran for i in shipped_params.indikator]
    # companions (per package / per process, registrants) are reported beside their indicator
    companions = {m.pendamping for m in DEFINED.values() if m.pendamping}
    assert sorted(used) == sorted(set(MEASURES) - companions)
    assert set(MEASURES) == set(DEFINED)


def test_polarity_units_and_baselines(shipped_params):
    by = {i.ukuran: i for i in shipped_params.indikator}
    lower_is_better = {"tender_gagal", "tender_ulang", "peserta_tunggal", "durasi_pemilihan"}
    for m, ind in by.items():
        assert ind.polaritas == ("turun" if m in lower_is_better else "naik"), m
    assert by["durasi_pemilihan"].satuan == "hari"
    assert by["rata_peserta"].satuan == "peserta"
    assert by["nilai_kinerja_penyedia"].satuan == "nilai (0–3)"
    assert by["ikm_internal"].satuan == by["ikm_eksternal"].satuan == "nilai (25–100)"
    survey = {"nilai_kinerja_penyedia", "ikm_internal", "ikm_eksternal"}
    for m, ind in by.items():
        if m in survey:
            assert ind.baseline is not None, f"{m}: baseline survei harus diisi"
        else:
            assert ind.satuan in ("%", "hari", "peserta")
            assert ind.baseline is None, f"{m}: baseline register dihitung dari data tahun lalu"


def test_targets_follow_national_anchors(shipped_params):
    t = {i.ukuran: i.target for i in shipped_params.indikator}
    assert t["porsi_pdn"] >= 95
    assert t["porsi_umk"] >= 40
    assert t["peserta_tunggal"] <= 10
    assert t["durasi_pemilihan"] <= 45
    assert t["tender_gagal"] <= 5
    assert t["nilai_kinerja_penyedia"] >= 2.0
    assert t["ikm_internal"] >= 76.61 and t["ikm_eksternal"] >= 76.61
    assert 8 <= t["efisiensi_pagu"] <= 12 and 5 <= t["efisiensi_hps"] <= 12
    # percent units, not fractions
    for ind in shipped_params.indikator:
        if ind.satuan == "%":
            assert 1 <= ind.target <= 100, ind.kode


def test_method_defaults_written_out(shipped_params, kaltim_as_dict):
    assert shipped_params.metode == config.Metode()
    assert set(kaltim_as_dict["metode"]) == set(config.Metode.model_fields)
    assert shipped_params.metode.metode_dalam_lingkup == list(METODE_DALAM_LINGKUP)


def test_area_scope_uses_known_values(shipped_params):
    # config does not check these lists, so a typo would silently select no package
    for a in shipped_params.area_strategis:
        assert set(a.cakupan.metode) <= set(METODE_DALAM_LINGKUP), a.kode
        assert set(a.cakupan.jenis_pengadaan) <= set(JENIS), a.kode


def test_officials_and_letters(shipped_params):
    people = [shipped_params.pejabat.kepala_ukpbj, shipped_params.pejabat.penandatangan_surat_edaran,
              shipped_params.pejabat.ketua_tim_kematangan, shipped_params.pejabat.koordinator,
              *shipped_params.tim.pengumpul_data, *shipped_params.tim.pengolah_data]
    assert 3 <= len(shipped_params.tim.pengumpul_data) <= 4 and 3 <= len(shipped_params.tim.pengolah_data) <= 4
    for p in people:
        assert re.fullmatch(r"\d{18}", p.nip), p.nama
        born = dt.date(int(p.nip[:4]), int(p.nip[4:6]), int(p.nip[6:8]))
        tmt = dt.date(int(p.nip[8:12]), int(p.nip[12:14]), 1)
        assert 18 <= (tmt - born).days / 365.25 <= 40, p.nama
        assert p.nip[14] in "12", p.nama
        assert re.search(r"\((I{1,3}|IV)/[a-e]\)$", p.pangkat), p.pangkat
    assert len({p.nip for p in people}) == len(people)
    s = shipped_params.surat
    for letter in (s.surat_tugas, s.surat_edaran, s.dokumen_perencanaan):
        assert re.fullmatch(r"000\.9\.3\.3/\d{3}/B\.PBJ-III", letter.nomor)
        assert dt.date(2024, 1, 1) <= letter.tanggal <= dt.date(2024, 2, 29)
    assert s.surat_tugas.tanggal <= s.dokumen_perencanaan.tanggal <= s.surat_edaran.tanggal


def test_data_section(shipped_params):
    assert shipped_params.data.register_paket == ["data/sample"]
    assert shipped_params.store_path == paths.ROOT / "data" / "kinerja.duckdb"


# --------------------------------------------------------------------------- bad variants

def test_misspelled_key(tmp_path, kaltim_as_dict):
    kaltim_as_dict["tahunn"] = kaltim_as_dict.pop("tahun")
    msg = _error(_write(tmp_path, kaltim_as_dict))
    assert "tahunn" in msg and "tidak dikenal" in msg
    assert "kunci 'tahun': wajib diisi" in msg
    _no_english(msg)


def test_misspelled_optional_key_gives_one_message(tmp_path, kaltim_as_dict):
    kaltim_as_dict["metode"]["toleransi_statuss"] = kaltim_as_dict["metode"].pop("toleransi_status")
    msg = _error(_write(tmp_path, kaltim_as_dict))
    assert _lines(msg) == ["kunci 'metode.toleransi_statuss': tidak dikenal (periksa ejaan kunci)"]


def test_misspelled_key_inside_indicator(tmp_path, kaltim_as_dict):
    kaltim_as_dict["indikator"][2]["satuann"] = kaltim_as_dict["indikator"][2].pop("satuan")
    msg = _error(_write(tmp_path, kaltim_as_dict))
    assert "indikator[2].satuann" in msg and "tidak dikenal" in msg
    assert "indikator[2].satuan'" in msg and "wajib diisi" in msg


def test_bad_polarity(tmp_path, kaltim_as_dict):
    kaltim_as_dict["indikator"][0]["polaritas"] = "atas"
    msg = _error(_write(tmp_path, kaltim_as_dict))
    assert len(_lines(msg)) == 1
    assert "indikator[0].polaritas" in msg
    assert "naik" in msg and "turun" in msg


def test_bad_measure_and_frequency(tmp_path, kaltim_as_dict):
    kaltim_as_dict["indikator"][1]["ukuran"] = "efisiensi"
    kaltim_as_dict["indikator"][1]["frekuensi"] = "Bulanan"
    msg = _error(_write(tmp_path, kaltim_as_dict))
    assert len(_lines(msg)) == 2
    assert "indikator[1].ukuran" in msg and "efisiensi_hps" in msg
    assert "indikator[1].frekuensi" in msg and "Triwulanan" in msg


@pytest.mark.parametrize("where, key", [
    (("ukpbj", "nama"), "ukpbj.nama"),
    (("pejabat", "koordinator"), "pejabat.koordinator"),
    (("indikator", 3, "target"), "indikator[3].target"),
    (("indikator", 5, "rencana_aksi", 0, "jadwal"), "indikator[5].rencana_aksi[0].jadwal"),
    (("data",), "data"),
])
def test_missing_required_key(tmp_path, kaltim_as_dict, where, key):
    node = kaltim_as_dict
    for part in where[:-1]:
        node = node[part]
    del node[where[-1]]
    msg = _error(_write(tmp_path, kaltim_as_dict))
    assert _lines(msg) == [f"kunci '{key}': wajib diisi tetapi tidak ada"]


def test_weights_not_summing_to_one(tmp_path, kaltim_as_dict):
    kaltim_as_dict["metode"]["bobot_penyedia"]["kualitas"] = 0.2
    msg = _error(_write(tmp_path, kaltim_as_dict))
    assert "metode.bobot_penyedia" in msg
    assert "jumlah bobot harus 1" in msg and "0.9" in msg
    _no_english(msg)


def test_indicator_with_unknown_area(tmp_path, kaltim_as_dict):
    kaltim_as_dict["indikator"][0]["area"] = "AS-99"
    msg = _error(_write(tmp_path, kaltim_as_dict))
    assert "IKP-01" in msg and "'AS-99'" in msg and "tidak ada" in msg
    _no_english(msg)


def test_area_with_unknown_goal(tmp_path, kaltim_as_dict):
    kaltim_as_dict["area_strategis"][1]["tujuan"] = "TP-09"
    msg = _error(_write(tmp_path, kaltim_as_dict))
    assert "AS-02" in msg and "'TP-09'" in msg and "tidak ada" in msg


def test_duplicate_indicator_code(tmp_path, kaltim_as_dict):
    kaltim_as_dict["indikator"][1]["kode"] = kaltim_as_dict["indikator"][0]["kode"]
    msg = _error(_write(tmp_path, kaltim_as_dict))
    assert "kunci 'indikator'" in msg and "IKP-01" in msg and "ganda" in msg


@pytest.mark.parametrize("section, key, value, expected", [
    ((), "tahun", "dua ribu dua puluh empat", "harus bilangan bulat"),
    ((), "tahun", 1999, "harus ≥ 2000"),
    (("metode",), "toleransi_status", 1.5, "harus ≤ 1"),
    (("metode",), "bobot_ikm", "1/9", "harus salah satu dari"),
    (("indikator", 0), "target", "sepuluh", "harus angka"),
    (("indikator", 0), "rencana_aksi", [], "paling sedikit 1 butir"),
    (("surat", "surat_tugas"), "tanggal", "2024-13-08", "harus tanggal (YYYY-MM-DD)"),
    (("pejabat", "koordinator"), "nip", 198404172009011003, "harus teks"),
    (("tim",), "pengolah_data", "Fitri", "harus daftar"),
    ((), "ukpbj", "Biro PBJ", "harus berupa bagian"),
])
def test_wrong_types_are_indonesian(tmp_path, kaltim_as_dict, section, key, value, expected):
    node = kaltim_as_dict
    for part in section:
        node = node[part]
    node[key] = value
    msg = _error(_write(tmp_path, kaltim_as_dict))
    assert expected in msg
    name = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in (*section, key)).lstrip(".")
    assert f"kunci '{name}'" in msg


def test_not_yaml(tmp_path):
    path = tmp_path / "rusak.yaml"
    path.write_text("tahun: 2024\nukpbj: [Biro PBJ\n  nama: 'tidak ditutup\n", encoding="utf-8")
    msg = _error(path)
    assert "bukan YAML yang sah" in msg and "baris" in msg and "rusak.yaml" in msg


@pytest.mark.parametrize("content", ["", "ini hanya sebuah kalimat, bukan berkas parameter\n",
                                     "- satu\n- dua\n"])
def test_yaml_without_keys(tmp_path, content):
    path = tmp_path / "isi.yaml"
    path.write_text(content, encoding="utf-8")
    assert "isinya harus berupa kunci-kunci YAML" in _error(path)


def test_file_not_found(tmp_path):
    msg = _error(tmp_path / "tidak-ada.yaml")
    assert "tidak ditemukan" in msg and "tidak-ada.yaml" in msg


# --------------------------------------------------------------------------- messages that once leaked English or tracebacks

def test_choice_list_has_no_english(tmp_path, kaltim_as_dict):
    kaltim_as_dict["indikator"][0]["polaritas"] = "atas"
    _no_english(_error(_write(tmp_path, kaltim_as_dict)))


def test_integer_date_is_indonesian(tmp_path, kaltim_as_dict):
    kaltim_as_dict["surat"]["surat_tugas"]["tanggal"] = 20240108
    msg = _error(_write(tmp_path, kaltim_as_dict))
    assert "harus tanggal (YYYY-MM-DD)" in msg
    _no_english(msg)


def test_unknown_area_names_its_key(tmp_path, kaltim_as_dict):
    kaltim_as_dict["indikator"][0]["area"] = "AS-99"
    assert "indikator[0].area" in _error(_write(tmp_path, kaltim_as_dict))


def test_directory_instead_of_file(tmp_path):
    assert "Berkas parameter" in _error(tmp_path)


def test_binary_file(tmp_path):
    path = tmp_path / "parameter.xlsx"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe\x89")
    assert "Berkas parameter" in _error(path)


def test_raw_fixture_is_untouched(kaltim_as_dict):
    # the bad variants are built on copies: the shipped file itself still loads
    assert config.Parameters.model_validate(copy.deepcopy(kaltim_as_dict)).tahun == 2024


def test_files_named_in_parameter_file_comments_exist():
    """The comments of the shipped file and of every file `kinerja init` writes point to files
    that are there (e.g. MEASURES in lib/kinerja/core/config.py)."""
    for source in (PARAMS, Path(parameter_text.__file__)):
        named = re.findall(r"lib/kinerja/[\w/]+\.\w+", source.read_text(encoding="utf-8"))
        assert named and [p for p in named if not (paths.ROOT / p).is_file()] == [], source.name


def test_a_path_outside_the_project_is_kept_as_given_even_through_a_link(tmp_path):
    """../shared may be a link elsewhere (CI, a fresh clone): a parameter file keeps the name the
    path was given, relative to the project, not the link's target."""
    target = tmp_path / "disk" / "unduhan-asli"
    (target / "2025").mkdir(parents=True)
    link = tmp_path / "bersama"
    link.symlink_to(target.parent)
    written = paths.shown(link / "unduhan-asli" / "2025")
    assert not Path(written).is_absolute() and written.endswith("bersama/unduhan-asli/2025")
    # read back: the same folder, under the name it was given (links kept, resolved to the same)
    assert paths.resolve(written) == link / "unduhan-asli" / "2025"
    assert paths.resolve(written).resolve() == (target / "2025").resolve()
    assert paths.shown(paths.ROOT / "parameters" / "x.yaml") == "parameters/x.yaml"
