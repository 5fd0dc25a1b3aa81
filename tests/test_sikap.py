"""Provider performance from the PPK's SIKaP ratings (issue 23): ratings built on the real samples'
e-Kontrak rows (tests/gateway_data.py) — rated, unrated, terminated, an unknown indicator, a
value out of scale, a rating loaded again and a later contract version, a package SIKaP and F5
both rate — scored as the SOP's chain does it, with every expected figure computed by hand here;
the F6/F7 workbooks read back; and the held-out check in small: a v1 download registered,
`kinerja init`, `kinerja kpi --json` give the rated contracts' mean and share."""

import json
import subprocess
import sys

import gateway_data as gw
import openpyxl
import pandas as pd
import pytest
from conftest import PARAMS
from kinerja.core import config
from kinerja.core.periods import Period
from kinerja.formulir import collection
from kinerja.formulir import respondents as resp
from kinerja.inputs import form_contracts as fc
from kinerja.inputs import packages, register, store
from kinerja.methods import indicators, provider_scores, providers, report, sikap, whatif
from kinerja.render import provider_workbooks

ASPECTS = ("Kualitas dan Kuantitas Pekerjaan", "Biaya", "Waktu", "Layanan")
WEIGHTS = dict(zip(ASPECTS, (30, 20, 30, 20)))  # whole percent
SIKAP_ISB = {"tender": "SIKaP-PenilaianKinerjaPenyedia-Tender", "non-tender": "SiKAP-PenilaianKinerjaPenyedia-NonTender"}
TENDER_CONTRACTS = "SPSE-TenderEkontrak-2Kontrak"


def in_scope(world) -> list[str]:
    """By hand: the tender contracts whose tender the register holds (announcement, result or
    award rows of the samples; every one a Tender or Seleksi, in the SOP's methods). The samples'
    non-tender contracts are Pengadaan Langsung: outside the SOP's methods."""
    known = {str(r["kd_tender"]) for name in ("SPSE-TenderPengumuman", "SPSE-TenderSelesai", "SPSE-TenderSelesaiNilai")
             for r in world[name]}
    assert {r["mtd_pemilihan"] for r in world["SPSE-TenderPengumuman"]} <= {"Tender", "Seleksi"}
    assert {r["mtd_pengadaan"] for r in world["SPSE-NonTenderEkontrak-2Kontrak"]} == {"Pengadaan Langsung"}
    return [str(c["kd_tender"]) for c in world[TENDER_CONTRACTS] if str(c["kd_tender"]) in known]


def isb_rows(contract: dict, key: str, rating: list[tuple[str, object]], versi: int = 0) -> list[dict]:
    """One contract's rating as the old ISB SIKaP dataset delivered it (one row per indicator)."""
    fields = {f: contract.get(f) for f in ("tahun_anggaran", "kd_klpd", "kd_satker", "kd_satker_str", "nama_satker",
                                           key, "nama_paket", "no_kontrak", "kd_penyedia", "nama_penyedia",
                                           "npwp_penyedia", "nip_ppk", "nama_ppk")}
    return [dict(fields, versi_addendum=versi, indikator_penilaian=name, nilai_indikator=value, total_skors=None)
            for name, value in rating]


def aspects(*values) -> list[tuple[str, object]]:
    return list(zip(ASPECTS, values))


# --------------------------------------------------------------------------- unit: judging ratings

def _rows(ratings: dict[str, list[tuple[str, object]]]) -> pd.DataFrame:
    rows = [{"kode_paket": k, "no_kontrak": f"K-{k}", "indikator_penilaian": n, "nilai_indikator": v}
            for k, rating in ratings.items() for n, v in rating]
    out = pd.DataFrame(rows)
    for column in sikap.CONTRACT[2:]:
        out[column] = None
    return out


def test_names_match_leniently_and_nothing_else_is_guessed():
    names = pd.Series(["KUALITAS", "Kualitas dan  Kuantitas Pekerjaan.", " biaya ", "Waktu\u200b", "LAYANAN!",
                       "Kualitas Pekerjaan", "Ketepatan Waktu", "Pelayanan", None])
    assert sikap.aspect_of(names).fillna("?").tolist() == ["kualitas", "kualitas", "biaya", "waktu", "layanan",
                                                           "?", "?", "?", "?"]


def test_a_rating_is_scored_only_when_its_four_aspects_are_whole_and_on_the_scale():
    contracts, problems = sikap.judge(_rows({
        "ok": aspects(3, 2, 3, 1),
        "putus": aspects(0, 0, 0, 0),                                    # terminated: every aspect 0
        "half": aspects(0, 2, 2, 2),                                     # 0 on one aspect only: off scale
        "four": aspects(3, 4, 3, 3),                                     # 4 on a 1–3 scale
        "frac": aspects(2.5, 2, 2, 2),
        "blank": aspects(None, 2, 2, 2),
        "extra": aspects(2, 2, 2, 2) + [("Catatan PPK", 1)],              # scored; the extra row listed
        "lost": [("Kualitas", 3), ("Biaya", 3), ("Waktu", 3), ("Pelayanan", 3)],  # Layanan missing
        "twice": aspects(3, 2, 2, 2) + [("Kualitas", 1)],                # the same aspect, two values
        "same": aspects(3, 2, 2, 2) + [("KUALITAS", 3)],                 # given twice alike: one value
    }))
    c = contracts.set_index("kode_paket")
    assert c.index[c["dipakai"]].tolist() == ["ok", "putus", "extra", "same"]
    assert c.loc["ok", list(sikap.ASPECTS)].tolist() == [3, 2, 3, 1]
    assert c.loc["putus", "putus_kontrak"] and not c.loc["ok", "putus_kontrak"]
    assert c.loc["four", list(sikap.ASPECTS)].isna().all()  # never a partial or guessed score
    why = problems.groupby("kode_paket")["masalah"].agg(list)
    off = "nilai di luar skala 1–3 (kontrak diputus: semua aspek 0)"
    assert why["half"] == [off] and why["four"] == [off] and why["frac"] == [off]
    assert why["blank"] == ["nilai kosong"]
    assert why["extra"] == [sikap.UNKNOWN]
    assert sorted(why["lost"]) == ["aspek tidak ada pada penilaian", sikap.UNKNOWN]
    assert why["twice"] == ["aspek dinilai dua kali dengan nilai berbeda"]
    assert set(why.index) == {"half", "four", "frac", "blank", "extra", "lost", "twice"}
    lost = problems[problems["masalah"].eq("aspek tidak ada pada penilaian")]
    assert lost["indikator_penilaian"].tolist() == ["Layanan"]


def test_the_scale_and_the_terminated_value_are_parameters():
    skala = config.SkalaPenyedia(terendah=1, tertinggi=4, putus_kontrak=0)
    contracts, problems = sikap.judge(_rows({"a": aspects(4, 4, 4, 4)}), skala)
    assert contracts["dipakai"].all() and problems.empty
    with pytest.raises(ValueError):
        config.SkalaPenyedia(terendah=1, tertinggi=3, putus_kontrak=1)


# --------------------------------------------------------------------------- the chain on the samples

@pytest.fixture(scope="module")
def rated(tmp_path_factory):
    """The samples' world with SIKaP ratings on chosen contracts, loaded as ISB files in two
    loads (the second a changed file: its rows pile on the first's), and F5 forms in the survey
    folder for one package SIKaP also rates and one it lacks."""
    if not gw.SAMPLES.is_dir():
        pytest.fail(f"the ISB samples are expected at {gw.SAMPLES} (../shared beside the repo)")
    base = tmp_path_factory.mktemp("sikap")
    world = gw.world()
    scope = in_scope(world)
    tenders = {str(c["kd_tender"]): c for c in world[TENDER_CONTRACTS]}
    a, b, c, d, e, f, g, h = scope[:8]
    outside = next(k for k in tenders if k not in scope)  # its tender is not in the register
    pl = world["SPSE-NonTenderEkontrak-2Kontrak"][10]     # a Pengadaan Langsung contract in the register
    assert str(pl["kd_nontender"]) == "10140244000"
    first = isb_rows(tenders[a], "kd_tender", aspects(1, 1, 1, 1))
    later = {
        a: first + isb_rows(tenders[a], "kd_tender", aspects(3, 2, 3, 1), versi=1),  # last version: 240
        b: isb_rows(tenders[b], "kd_tender", aspects(0, 0, 0, 0)),                  # terminated: 0
        c: isb_rows(tenders[c], "kd_tender", [*aspects(3, 3, 3)[:3], ("Pelayanan Purna Jual", 3)]),
        d: isb_rows(tenders[d], "kd_tender", aspects(3, 2, 4, 3)),                  # 4: off the scale
        e: isb_rows(tenders[e], "kd_tender", [("KUALITAS", 2), (" biaya ", 2), ("Waktu.", 2), ("layanan\u200b", 2),
                                             ("Catatan PPK", 1)]),                 # 200, extra row listed
        f: isb_rows(tenders[f], "kd_tender", aspects(3, 3, 3, 3)),                  # 300; F5 says 200
        outside: isb_rows(tenders[outside], "kd_tender", aspects(3, 3, 3, 3)),
    }
    nontender = isb_rows(pl, "kd_nontender", aspects(1, 1, 1, 1))
    loads = [dict(world, **{SIKAP_ISB["tender"]: first, SIKAP_ISB["non-tender"]: nontender}),
             dict(world, **{SIKAP_ISB["tender"]: [r for rows in later.values() for r in rows],
                            SIKAP_ISB["non-tender"]: nontender})]
    db = base / "s.duckdb"
    con = store.connect(db)
    try:
        for n, rows in enumerate(loads):
            register.load(con, [gw.write_isb(base / "isb", rows)])
        assert con.execute("SELECT count(DISTINCT _seq) FROM reg_penilaian WHERE kd_paket = ?", [a]).fetchone()[0] == 2
    finally:
        con.close()
    survei = base / "survei"
    survei.mkdir()
    pd.DataFrame([
        {"tahun_anggaran": 2025, "triwulan": 1, "kode_paket": f, "kd_penyedia": tenders[f]["kd_penyedia"],
         "kualitas": 2, "biaya": 2, "waktu": 2, "layanan": 2, "putus_kontrak": "", "nama_ppk": "PPK F5"},
        {"tahun_anggaran": 2025, "triwulan": 1, "kode_paket": g, "kd_penyedia": "F5-G",
         "kualitas": 3, "biaya": 2, "waktu": 2, "layanan": 3, "putus_kontrak": "", "nama_ppk": "PPK F5"},
    ]).to_csv(survei / "penilaian_penyedia_2025.csv", index=False)
    text = PARAMS.read_text(encoding="utf-8").replace("kd_klpd: 'DEMO'", "kd_klpd: 'D107'")
    text = text.replace("\ntahun: 2024", "\ntahun: 2025").replace("survei: data/sample/survei", f"survei: '{survei}'")
    (base / "p.yaml").write_text(text, encoding="utf-8")
    params = config.load(base / "p.yaml")
    pk = packages.from_store(db, params)
    return {"base": base, "db": db, "params": params, "packages": pk, "codes": dict(zip("abcdefgh", scope[:8])),
            "outside": outside, "tenders": tenders, "scope": scope,
            "scores": provider_scores.load(params, db, pk, Period(2025))}


def test_package_scores_take_sikap_first_and_f5_where_sikap_lacks(rated):
    k, s = rated["codes"], rated["scores"]
    got = s.scored.set_index("kode_paket")
    # by hand: A's last version 0,3·3 + 0,2·2 + 0,3·3 + 0,2·1 = 2,40; B terminated 0; E 2,00; F 3,00;
    # G from F5 0,3·3 + 0,2·2 + 0,3·2 + 0,2·3 = 2,50. C (an aspect missing) and D (4) are not scored.
    assert got["nilai_x100"].to_dict() == {k["a"]: 240, k["b"]: 0, k["e"]: 200, k["f"]: 300, k["g"]: 250}
    assert got["sumber"].to_dict() == {k["a"]: "SIKaP", k["b"]: "SIKaP", k["e"]: "SIKaP", k["f"]: "SIKaP",
                                       k["g"]: "Format 5"}
    assert bool(got.loc[k["b"], "putus_kontrak"]) and got.loc[k["b"], "kategori"] == "Buruk"
    assert got.loc[k["a"], "kd_penyedia"] == str(rated["tenders"][k["a"]]["kd_penyedia"])
    assert got.loc[k["a"], "no_kontrak"] == rated["tenders"][k["a"]]["no_kontrak"]
    # where both rate a package, both are shown and the difference is listed
    assert got.loc[k["f"], "nilai_f5"] == 2.0 and got["nilai_f5"].notna().sum() == 1
    assert s.differences[["kode_paket", "nilai", "nilai_f5", "selisih"]].values.tolist() == [[k["f"], 3.0, 2.0, 1.0]]
    # the index and the KPI: (240 + 0 + 200 + 300 + 250) / 5 = 198 hundredths
    value = provider_scores.kpi_value(s.scored)
    assert value["nilai"] == pytest.approx(1.98) and value["pembilang"] == pytest.approx(9.9)
    assert value["penyebut"] == 5 and value["sumber_nilai"] == {"SIKaP": 4, "Format 5": 1}
    recap = providers.provider_recap(s.scored)
    index = providers.performance_index(s.scored, recap).iloc[0]
    assert index["nilai"] == 1.98 and index["kategori"] == "Cukup" and index["paket_putus"] == 1
    assert (index["paket_sikap"], index["paket_f5"]) == (4, 1)


def test_every_rating_not_used_is_listed_in_data_quality(rated):
    k, s = rated["codes"], rated["scores"]
    why = s.problems.groupby("kode_paket")["masalah"].agg(sorted).to_dict()
    assert why == {k["c"]: ["aspek tidak ada pada penilaian", sikap.UNKNOWN],
                   k["d"]: ["nilai di luar skala 1–3 (kontrak diputus: semua aspek 0)"],
                   k["e"]: [sikap.UNKNOWN],
                   rated["outside"]: [provider_scores.NOT_IN_REGISTER]}
    # the Pengadaan Langsung contract's rating is outside the SOP's methods: neither scored nor a problem
    assert "10140244000" not in set(s.scored["kode_paket"]) | set(s.problems["kode_paket"])


def test_the_rated_share_counts_every_rated_contract_in_scope(rated):
    k, params = rated["codes"], rated["params"]
    kpi = indicators.realisation(rated["packages"], params.indikator, Period(2025),
                                 scope=params.metode.metode_dalam_lingkup, areas=params.area_strategis)
    share = kpi.set_index("ukuran").loc["porsi_kontrak_dinilai"]
    # by hand: contracts A–F carry a rating (C and D too: rated, if not usable) of the in-scope contracts
    assert (share["pembilang"], share["penyebut"]) == (6, len(rated["scope"])) and len(rated["scope"]) == 29
    assert share["nilai"] == pytest.approx(6 / 29 * 100)
    per_ppk = provider_scores.unrated_by_ppk(rated["packages"], Period(2025), params.metode.metode_dalam_lingkup)
    assert per_ppk["kontrak"].sum() == 29 and per_ppk["dinilai"].sum() == 6
    assert per_ppk["belum_dinilai"].is_monotonic_decreasing
    by_hand = pd.Series([str(rated["tenders"][c]["nip_ppk"]) for c in rated["scope"]
                         if c not in [k[x] for x in "abcdef"]]).value_counts()
    top = per_ppk.iloc[0]
    assert top["belum_dinilai"] == by_hand.iloc[0] and top["nip_ppk"] in set(by_hand[by_hand == by_hand.iloc[0]].index)
    by_opd = indicators.realisation(rated["packages"], params.indikator, Period(2025), by="nama_satker",
                                    scope=params.metode.metode_dalam_lingkup, areas=params.area_strategis)
    opd = by_opd[by_opd["ukuran"].eq("porsi_kontrak_dinilai")]
    assert opd["penyebut"].sum() == 29 and opd["pembilang"].sum() == 6


def test_f6_and_f7_read_back_with_both_sources(rated, tmp_path):
    s, params, period = rated["scores"], rated["params"], Period(2025)
    recap = providers.provider_recap(s.scored)
    path = provider_workbooks.write_f6(tmp_path / "F6.xlsx", recap, providers.attention(s.scored, recap), s.scored,
                                       params, period, s.problems, s.differences)
    f6 = openpyxl.load_workbook(path)
    sheet = f6["Rekap per penyedia"]
    head = {c.value: c.column for c in sheet[5]}
    rows = [[sheet.cell(r, head[h]).value for h in ("Jumlah paket dinilai", "Paket dari SIKaP", "Paket dari Format 5",
                                                    "Nilai rata-rata")] for r in range(6, 6 + len(recap))]
    k = rated["codes"]
    # by hand, per provider (A and E may share one): packages, from SIKaP, from F5, mean rounded half up
    scores = {k["a"]: 240, k["b"]: 0, k["e"]: 200, k["f"]: 300, k["g"]: 250}
    provider = {code: "F5-G" if code == k["g"] else str(rated["tenders"][code]["kd_penyedia"]) for code in scores}
    expected = []
    for kd in set(provider.values()):
        mine = [code for code in scores if provider[code] == kd]
        total = sum(scores[code] for code in mine)
        expected.append([len(mine), sum(code != k["g"] for code in mine), int(k["g"] in mine),
                         (2 * total + len(mine)) // (2 * len(mine)) / 100])
    assert sorted(rows) == sorted(expected)
    totals = {h: sheet.cell(6 + len(recap), c).value for h, c in head.items()}
    assert totals["Paket dari SIKaP"] == 4 and totals["Paket dari Format 5"] == 1 and totals["Nilai rata-rata"] == 1.98
    notes = " ".join(str(sheet.cell(r, 1).value) for r in range(7 + len(recap), 12 + len(recap)))
    assert "4 paket dari penilaian PPK di SIKaP" in notes and "1 paket dari Formulir Kinerja Penyedia" in notes
    detail = f6["Penilaian per paket"]
    head = {c.value: c.column for c in detail[5]}
    sources = {detail.cell(r, head["Kode paket"]).value: (detail.cell(r, head["Sumber nilai"]).value,
                                                          detail.cell(r, head["Nilai Format 5 (pembanding)"]).value)
               for r in range(6, 11)}
    assert sources[k["f"]] == ("SIKaP", 2.0) and sources[k["g"]] == ("Format 5", None)
    quality = f6["Kualitas data penilaian"]
    listed = [quality.cell(r, 8).value for r in range(6, 6 + len(s.problems))]
    assert sorted(listed) == sorted(s.problems["masalah"]) and len(listed) == 5
    diff = f6["Selisih SIKaP dan Format 5"]
    assert [c.value for c in diff[6]][:1] == [k["f"]] and diff.cell(6, 8).value == 1.0

    index = providers.performance_index(s.scored, recap)
    f7 = openpyxl.load_workbook(provider_workbooks.write_f7(tmp_path / "F7.xlsx", providers.satker_recap(s.scored),
                                                           index, s.scored, params, period))
    sheet = f7["Rekap per satker"]
    head = {c.value: c.column for c in sheet[5]}
    n = sheet.max_row
    total_row = next(r for r in range(6, n + 1) if sheet.cell(r, 1).value == "Jumlah / rata-rata UKPBJ")
    assert sheet.cell(total_row, head["Paket dari SIKaP"]).value == 4
    assert sheet.cell(total_row, head["Paket dari Format 5"]).value == 1
    assert sheet.cell(total_row, head["Jumlah paket dinilai"]).value == 5
    idx = f7["Indeks kinerja penyedia"]
    head = {c.value: c.column for c in idx[5]}
    assert [idx.cell(6, head[h]).value for h in ("Paket dinilai", "Dari SIKaP", "Dari Format 5",
                                                  "Indeks kinerja penyedia")] == [5, 4, 1, 1.98]


def test_the_what_if_app_and_the_report_take_the_same_scores(rated):
    s, params = rated["scores"], rated["params"]
    responses = pd.DataFrame(columns=["kelompok", "nama_satker", *whatif.sat.UNSUR])
    measures = whatif.precompute(params, Period(2025), rated["packages"], s.scored, responses)
    table = whatif.evaluate(measures, params.indikator, whatif.Settings.from_params(params)).set_index("kode")
    code = next(i.kode for i in params.indikator if i.ukuran == "nilai_kinerja_penyedia")
    assert table.loc[code, "nilai"] == pytest.approx(1.98)  # (240 + 0 + 200 + 300 + 250) / 5 hundredths
    assert table.loc[code, "penyedia_jumlah"] == len(providers.provider_recap(s.scored))
    value, count = report._survey_value({"04_penyedia_paket": s.scored}, "penyedia", 2025)  # F15, F16
    assert (value, count) == (pytest.approx(1.98), 5)


def test_without_any_rating_or_form_the_provider_indicators_say_why(rated):
    params, pk = rated["params"], rated["packages"]
    empty = providers.read_scores(pd.DataFrame(columns=list(providers.REQUIRED)))
    no_rating = pd.DataFrame(columns=["kode_paket", "no_kontrak", "indikator_penilaian", "nilai_indikator",
                                      *sikap.CONTRACT[2:]])
    none = provider_scores.combine(*sikap.judge(no_rating), empty, pk, Period(2025), params.metode)
    assert none.scored.empty and none.ratings == 0
    assert provider_scores.no_value_reason(none) == (
        "data e-Kontrak di register tidak memuat penilaian kinerja penyedia oleh PPK (SIKaP), dan Survei Teknis: "
        "penilaian kinerja penyedia (Format 5) belum dilaksanakan atau belum diterima")
    index = providers.performance_index(none.scored, providers.provider_recap(none.scored)).iloc[0]
    assert pd.isna(index["nilai"]) and pd.isna(index["penyedia_buruk"]) and pd.isna(index["paket_sikap"])
    # ratings in the data, none for the period's packages: said so
    later = provider_scores.load(params, rated["db"], pk, Period(2025, 4))
    assert later.scored.empty and later.ratings > 0
    assert provider_scores.no_value_reason(later).startswith("tidak ada penilaian SIKaP yang dapat dipakai")


# --------------------------------------------------------------------------- the held-out check in small

def _cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kinerja", *map(str, args)], capture_output=True, text=True)


def test_kpi_json_of_a_v1_download_gives_the_rated_contracts_mean_and_share(tmp_path):
    world = gw.world()
    folder = gw.write_download(tmp_path / "v1", world, "v1")
    db, params = tmp_path / "s.duckdb", tmp_path / "d107.yaml"
    for args in (("register", "--store", db, folder),
                 ("init", "--klpd", "D107", "--tahun", "2025", "--out", params, "--store", db)):
        done = _cli(*args)
        assert done.returncode == 0, done.stdout + done.stderr
    done = _cli("kpi", "--params", params, "--period", "2025", "--json", "--store", db)
    assert done.returncode == 0, done.stderr
    got = {r["ukuran"]: r for r in json.loads(done.stdout)}
    # by hand: the rating gateway_data nests in each in-scope tender contract (three in four)
    scope = set(in_scope(world))
    scores = [sum(WEIGHTS[r["indikator_penilaian"]] * r["nilai_indikator"] for r in gw.rating(n)) / 100
              for n, c in enumerate(world[TENDER_CONTRACTS]) if str(c["kd_tender"]) in scope and gw.rating(n)]
    assert len(scope) == 29 and len(scores) == 21
    provider = got["nilai_kinerja_penyedia"]
    assert provider["nilai"] == pytest.approx(sum(scores) / len(scores))
    assert (provider["pembilang"], provider["penyebut"]) == (pytest.approx(sum(scores)), len(scores))
    assert provider["sumber_nilai"] == {"SIKaP": 21, "Format 5": 0} and provider["status"] != "Belum ada data"
    share = got["porsi_kontrak_dinilai"]
    assert share["nilai"] == pytest.approx(len(scores) / len(scope) * 100)
    assert (share["pembilang"], share["penyebut"]) == (21, 29) and share["target"] == 90.0
    # the keys of the first release are all there (added keys only)
    assert {"kode", "nama", "nilai", "satuan", "pembilang", "penyebut", "jumlah_paket", "jumlah_proses",
            "polaritas", "area", "ukuran", "catatan"} <= set(provider)
    # the written parameter file carries the national scheme and marks the new target as a proposal
    text = params.read_text(encoding="utf-8")
    assert "skala_penyedia:\n    terendah: 1\n    tertinggi: 3\n    putus_kontrak: 0" in text
    target = next(ln for ln in text.splitlines()[text.splitlines().index("  - kode: 'IKP-15'"):]
                  if ln.strip().startswith("target:"))
    assert "# USULAN:" in target


def test_format_5_asks_only_for_the_contracts_sikap_lacks(rated):
    """A PPK is not asked in Format 5 to rate again what they rated in SIKaP; the intake still
    takes such a row (both scores are then shown); completeness counts only what was asked."""
    k, pk = rated["codes"], rated["packages"]
    rated_codes = {k[x] for x in "abcdef"}  # rated in SIKaP (C and D too, if not usable)
    asked, keys, expected, provided, anyone = set(), set(), set(), set(), set()
    for q in range(1, 5):
        period_pk = resp.period_packages(pk, Period(2025, q))
        for nip, codes in resp.package_keys(period_pk, fc.PPK).items():
            keys |= {code for (code,) in codes}
            rows = resp.package_rows(period_pk, fc.PPK, nip, "survei_penilaian_penyedia")
            asked |= set(rows["kode_paket"].astype(str))
        who = resp.respondents(period_pk)
        expected |= set(resp.expected_forms(who).query("format == 'F5'")["kode_responden"])
        # by hand: a PPK gets an F5 only with a package that has a provider and no SIKaP rating
        anyone |= set(period_pk.loc[period_pk["kd_penyedia"].notna(), "kd_paket"].astype(str))
        with_provider = period_pk[period_pk["kd_penyedia"].notna() & period_pk["nip_ppk"].notna()]
        provided |= set(with_provider["kd_paket"].astype(str))
        unrated = with_provider[~with_provider["kd_paket"].astype(str).isin(rated_codes)]
        assert set(who.loc[who["jenis_responden"].eq(fc.PPK) & who["dengan_penyedia"].gt(0), "kode_responden"]) \
            == set(unrated["nip_ppk"].dropna().astype(str))
    listed = rated_codes & provided  # rated contracts whose package has a provider in a 2025 quarter
    assert listed and listed <= keys and not (rated_codes & asked)
    assert asked and asked == keys - rated_codes == provided - rated_codes and expected
    done = collection.completeness_by_opd(pk, Period(2025), {})
    assert done["paket_f5"].sum() == len(anyone - rated_codes) < len(anyone)  # with or without a PPK named


def test_kinerja_forms_says_how_many_rated_packages_format_5_leaves_out(rated, tmp_path):
    pk = rated["packages"]
    rated_codes = {rated["codes"][x] for x in "abcdef"}
    quarter = next(q for q in range(1, 5) if resp.period_packages(pk, Period(2025, q)).pipe(
        lambda p: (p["kd_penyedia"].notna() & p["kd_paket"].astype(str).isin(rated_codes)).sum()))
    period_pk = resp.period_packages(pk, Period(2025, quarter))
    left_out = int((period_pk["kd_penyedia"].notna() & period_pk["kd_paket"].astype(str).isin(rated_codes)).sum())
    done = _cli("forms", "--params", rated["base"] / "p.yaml", "--store", rated["db"], "--period",
                f"2025-TW{quarter}", "--out", tmp_path / "formulir")
    assert done.returncode == 0, done.stderr
    assert (f"{left_out} paket berpenyedia sudah dinilai PPK di SIKaP: tidak ditanyakan lagi di Format 5."
            in done.stdout)
