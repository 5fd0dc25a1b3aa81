"""Provider performance per package from both sources the SOP's chain (F6, F7, the UKPBJ index,
`nilai_kinerja_penyedia`) takes it from: the PPK's official rating in SIKaP where it exists, the
returned Format 5 form for a package SIKaP lacks. Stage 04, `kinerja kpi`, the report (F15, F16)
and the what-if app all take the package scores from `load`, so they agree.

Rules (workbook definitions, said in the README and the measure's definition):
- SIKaP: the rating of each package's last contract version (methods.sikap), usable when its four
  aspects are complete and on the scale. It counts for a package of the register's package view
  whose method is in the SOP's scope, in the period of that package: its fiscal year and, for a
  quarter, the quarter every register KPI gives it (announcement date, inputs.processes). The
  same rule as `porsi_kontrak_dinilai`, so the rated share and the mean speak of the same packages.
- Format 5: the period's returned forms (their own year and quarter), for every package without
  a usable SIKaP rating in scope. Where both rate a package, SIKaP's score is used, F5's is shown
  beside it (`nilai_f5`) and a difference is listed in data quality.
- The provider of a SIKaP rating: its kd_penyedia, else the code of a contract with the same NPWP,
  else the package's winner in the register, else 'NPWP …', else the provider's name.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja.core import frames
from kinerja.core.measures import MEASURES
from kinerja.core.periods import Period
from kinerja.inputs import packages as package_view
from kinerja.inputs import surveys
from kinerja.methods import missing, providers, sikap
from kinerja.methods.providers import FORMAT_5, SIKAP

NOT_IN_REGISTER = "paketnya tidak ada di register paket (penilaian tidak dihitung)"
DIFFERENCE_HEADINGS = {"kode_paket": "Kode paket", "nama_paket": "Nama paket", "nama_satker": "Satuan kerja",
                       "nama_penyedia": "Penyedia", "nama_ppk": "PPK penilai", "nilai": "Nilai SIKaP",
                       "nilai_f5": "Nilai Format 5", "selisih": "Selisih (SIKaP − Format 5)"}
DIFFERENCE_FORMATS = {"nilai": "desimal", "nilai_f5": "desimal", "selisih": "desimal"}
PPK_HEADINGS = {"nama_ppk": "PPK", "nip_ppk": "NIP", "kontrak": "Kontrak", "dinilai": "Dinilai",
                "belum_dinilai": "Belum dinilai", "porsi": "Porsi dinilai (%)"}
PPK_FORMATS = {"kontrak": "angka", "dinilai": "angka", "belum_dinilai": "angka", "porsi": "persen"}


@dataclass
class Scores:
    """A period's package scores and what data quality says of the ratings behind them."""
    scored: pd.DataFrame       # providers.score + with_packages, with sumber, no_kontrak, nilai_f5
    problems: pd.DataFrame     # sikap.PROBLEM_COLUMNS: ratings of the period's year not (all) used
    differences: pd.DataFrame  # DIFFERENCE_HEADINGS: packages SIKaP and F5 both rate, differently
    ratings: int               # rated contracts in the register (any year): 0 = none in the data
    forms: int                 # F5 rows of the period returned
    unreadable: str = ""       # why the F5 rows could not be read (load with strict=False)


def f5_rows(params, store_path, year: int) -> pd.DataFrame:
    """The year's validated F5 rows: the forms the intake accepted into the store, or the survey
    folder (`data.survei`) for a year without them (surveys.load_with_source)."""
    raw, source = surveys.load_with_source(params, store_path, providers.KIND, year)
    return providers.read_scores(raw, source=source)


def _of_view(contracts: pd.DataFrame, packages: pd.DataFrame) -> pd.DataFrame:
    """The package view's fields of each rated contract's package (missing: not in the register)."""
    cols = ["tahun_anggaran", "triwulan", "dalam_lingkup", "kd_penyedia", "nama_penyedia"]
    return frames.lookup(contracts["kode_paket"], packages, "kd_paket", cols)


def _counted(view: pd.DataFrame, period: Period | None) -> pd.Series:
    """Rated contracts whose package counts: in the register, in scope, of the period (None: any)."""
    keep = view["dalam_lingkup"].fillna(False).astype(bool)
    if period is not None:
        keep &= view["tahun_anggaran"].eq(period.year).fillna(False).astype(bool)
        if period.quarter is not None:
            keep &= view["triwulan"].eq(period.quarter).fillna(False).astype(bool)
    return keep


def sikap_rows(contracts: pd.DataFrame, view: pd.DataFrame) -> pd.DataFrame:
    """Usable SIKaP ratings as F5-shaped score rows (providers.read_scores' columns), sumber SIKaP."""
    npwp = ("NPWP " + contracts["npwp_penyedia"].astype("string")).where(contracts["npwp_penyedia"].notna())
    kd = (contracts["kd_penyedia"].astype("string").fillna(view["kd_penyedia"].astype("string"))
          .fillna(npwp).fillna(contracts["nama_penyedia"].astype("string")))
    out = pd.DataFrame({"baris": pd.array([pd.NA] * len(contracts), dtype="Int64"),
                        "kode_paket": contracts["kode_paket"].astype("string"), "kd_penyedia": kd})
    for a in providers.ASPECTS:
        out[a] = contracts[a].astype(np.int64)
    out["putus_kontrak"] = contracts["putus_kontrak"].astype(bool)
    out["nip_ppk"] = contracts["nip_ppk"].astype("string")
    out["nama_penyedia"] = contracts["nama_penyedia"].astype("string").fillna(view["nama_penyedia"])
    out["nama_ppk"] = contracts["nama_ppk"].astype("string")
    out["catatan"] = pd.array([pd.NA] * len(contracts), dtype="string")
    out["tahun_anggaran"] = view["tahun_anggaran"].astype("Int64")
    out["triwulan"] = view["triwulan"].astype("Int64")
    out["sumber"], out["no_kontrak"] = SIKAP, contracts["no_kontrak"].astype("string")
    return out.reset_index(drop=True)


def _pairs(rated: pd.DataFrame, forms: pd.DataFrame) -> pd.DataFrame:
    """SIKaP rows (index kept) with the F5 score of the same package: the one form of the package,
    or among several (joint operations) the form of the same provider."""
    if not len(rated) or not len(forms):
        return pd.DataFrame({"nilai_f5": pd.Series(dtype="float64")})
    f5 = forms[["kode_paket", "kd_penyedia", "nilai"]].rename(columns={"kd_penyedia": "_kd", "nilai": "nilai_f5"})
    f5["_n"] = f5.groupby("kode_paket")["kode_paket"].transform("size")
    both = rated[["kode_paket", "kd_penyedia"]].reset_index().merge(f5, on="kode_paket")
    both = both[both["_n"].eq(1) | both["kd_penyedia"].eq(both["_kd"])]
    return both.drop_duplicates("index").set_index("index")[["nilai_f5"]]


def combine(contracts: pd.DataFrame, problems: pd.DataFrame, forms: pd.DataFrame, packages: pd.DataFrame,
            period: Period, metode) -> Scores:
    """The period's package scores from judged SIKaP ratings (sikap.judge) and the year's F5 rows
    (f5_rows), on the package view `packages` (packages.for_params), with the parameters' weights
    and bands (module docstring for the rules)."""
    view = _of_view(contracts, packages)
    usable = contracts["dipakai"].to_numpy(bool)
    in_scope = usable & _counted(view, None).to_numpy(bool)
    now = in_scope & _counted(view, period).to_numpy(bool)
    score = lambda rows: providers.score(rows, metode.bobot_penyedia, metode.kategori_penyedia)  # noqa: E731
    rated = score(sikap_rows(contracts[now], view[now]))
    year_forms = score(forms.assign(sumber=FORMAT_5))
    rated["nilai_f5"] = _pairs(rated, year_forms)["nilai_f5"].reindex(rated.index)
    replaced = year_forms["kode_paket"].isin(contracts.loc[in_scope, "kode_paket"])
    own = surveys.in_period(year_forms[~replaced.to_numpy(bool)], period)
    scored = pd.concat([rated, own], ignore_index=True) if len(own) else rated
    scored = providers.with_packages(scored, packages)
    differ = scored[scored["nilai_f5"].notna() & scored["nilai"].ne(scored["nilai_f5"])]
    differ = differ.assign(selisih=differ["nilai"] - differ["nilai_f5"])[list(DIFFERENCE_HEADINGS)]
    return Scores(scored, _period_problems(contracts, problems, view, period), differ.reset_index(drop=True),
                  len(contracts), len(own))


def _period_problems(contracts, problems, view, period: Period) -> pd.DataFrame:
    """The rating problems of the period's packages in scope and of the year's contracts whose
    package the register lacks (one NOT_IN_REGISTER row each)."""
    own_year = contracts["tahun_anggaran"].isna() | contracts["tahun_anggaran"].eq(period.year)
    lost = (view["dalam_lingkup"].isna() & own_year).fillna(False).to_numpy(bool)
    shown = lost | _counted(view, period).to_numpy(bool)
    keys = contracts.loc[shown, ["kode_paket", "no_kontrak"]].fillna("").apply(tuple, axis=1)
    mine = problems[problems[["kode_paket", "no_kontrak"]].fillna("").apply(tuple, axis=1).isin(set(keys))] \
        if len(problems) else problems
    lost_rows = contracts[lost].assign(indikator_penilaian=pd.NA, nilai_indikator=np.nan, masalah=NOT_IN_REGISTER)
    out = pd.concat([mine, lost_rows.reindex(columns=sikap.PROBLEM_COLUMNS)], ignore_index=True)
    return out.reindex(columns=sikap.PROBLEM_COLUMNS)


def load(params, store_path, packages: pd.DataFrame, period: Period, strict: bool = True) -> Scores:
    """`combine` on the store's SIKaP ratings and the year's F5 rows. An F5 file with bad rows
    raises ValueError (in Indonesian, naming them); with `strict=False` the SIKaP ratings are
    used alone and `unreadable` says why the forms are left out."""
    contracts, problems = sikap.judge(sikap.from_store(store_path), params.metode.skala_penyedia)
    try:
        forms, unreadable = f5_rows(params, store_path, period.year), ""
    except ValueError as exc:
        if strict:
            raise
        forms = providers.read_scores(pd.DataFrame(columns=list(providers.REQUIRED)))
        unreadable = f"Data penilaian penyedia (Format 5) tidak dapat dipakai: {exc}"
    scores = combine(contracts, problems, forms, packages, period, params.metode)
    scores.unreadable = unreadable
    return scores


# --------------------------------------------------------------------------- what is reported

def exact_mean(x100) -> float:
    """The mean package score (0–3) of scores in hundredths, unrounded: the KPI's value, as every
    KPI is Σ numerator ÷ Σ denominator (the F6/F7 recaps round it as SIKaP shows it); NaN for none."""
    x100 = np.asarray(x100, dtype=np.int64)
    return float(x100.sum()) / 100 / len(x100) if len(x100) else float("nan")


def kpi_value(scored: pd.DataFrame) -> dict:
    """`nilai_kinerja_penyedia` as the KPI engine reports a measure: the exact mean package score
    (exact_mean), its numerator (Σ nilai) and denominator (packages scored), the packages behind
    it and how many each source gave."""
    n = len(scored)
    total = float(scored["nilai_x100"].sum()) / 100 if n else 0.0
    counts = {v: int(providers.sources(scored).eq(v).sum()) for v in (SIKAP, FORMAT_5)}
    return {"nilai": exact_mean(scored["nilai_x100"]), "pembilang": total, "penyebut": float(n),
            "jumlah_paket": int(scored["kode_paket"].nunique()), "jumlah_proses": n, "sumber_nilai": counts}


def into_kpi(real: pd.DataFrame, scores: Scores) -> pd.DataFrame:
    """A realisation table (indicators.realisation) with the provider measure's row filled from
    the package scores (kpi_value): value, numerator, denominator, packages, and in `catatan`
    how many packages each source scored."""
    out = real.copy()
    rows = out["ukuran"].map(lambda u: MEASURES[u].survei == "penyedia").to_numpy(bool)
    value = kpi_value(scores.scored)
    for column in ("nilai", "pembilang", "penyebut", "jumlah_paket", "jumlah_proses"):
        out.loc[rows, column] = value[column]
    if "nilai_tanpa_ditandai" in out:  # no plausibility check touches a rating
        out.loc[rows, ["nilai_tanpa_ditandai", "jumlah_ditandai"]] = [value["nilai"], 0]
    count = value["sumber_nilai"]
    out.loc[rows, "catatan"] = (f"nilai paket: {count[SIKAP]} dari {SIKAP}, {count[FORMAT_5]} dari {FORMAT_5}"
                                if len(scores.scored) else no_value_reason(scores))
    return out


def no_value_reason(s: Scores) -> str:
    """Why the period has no package score: no rating in the data or none for the period's
    packages in scope, and no F5 returned ('' when there are scores)."""
    if len(s.scored):
        return ""
    return missing.provider_missing(
        "data e-Kontrak di register tidak memuat penilaian kinerja penyedia oleh PPK (SIKaP)" if not s.ratings
        else "tidak ada penilaian SIKaP yang dapat dipakai untuk paket metode dalam lingkup SOP pada periode ini")


def rated_any(packages: pd.DataFrame) -> bool:
    """Whether any package of the register's view carries a SIKaP rating (the PPK list and
    `porsi_kontrak_dinilai` mean nothing without one)."""
    return bool(packages["dinilai"].fillna(False).any())


def unrated_by_ppk(packages: pd.DataFrame, period: Period, scope: list[str], cumulative: bool = False) -> pd.DataFrame:
    """Per PPK (who signed the contract, else the process's PPK): the period's e-Kontrak contracts
    in scope that `porsi_kontrak_dinilai` counts, those rated and not yet rated, most unrated
    first (PPK_HEADINGS)."""
    year = packages[packages["tahun_anggaran"].eq(period.year).fillna(False).to_numpy(bool)]
    rows = year[(package_view.covered(year, None, scope) & package_view.period_rows(year, period, cumulative)).to_numpy()]
    mask, rated, _ = MEASURES["porsi_kontrak_dinilai"].compute(rows)
    rows = rows[mask.to_numpy(bool)].assign(_dinilai=rated[mask.to_numpy(bool)].to_numpy())
    # the PPK who signed the contract (who rates it in SIKaP), else the process's
    signed = rows["nip_ppk_kontrak"].notna() | rows["nama_ppk_kontrak"].notna()
    rows = rows.assign(nip_ppk=rows["nip_ppk_kontrak"].where(signed, rows["nip_ppk"]),
                       nama_ppk=rows["nama_ppk_kontrak"].where(signed, rows["nama_ppk"]).fillna("(PPK tidak tercatat)"))
    out = rows.groupby(["nama_ppk", "nip_ppk"], dropna=False).agg(kontrak=("_dinilai", "size"),
                                                                   dinilai=("_dinilai", "sum")).reset_index()
    out["dinilai"] = out["dinilai"].astype(int)
    out["belum_dinilai"] = out["kontrak"] - out["dinilai"]
    out["porsi"] = out["dinilai"] / out["kontrak"] * 100
    return out.sort_values(["belum_dinilai", "kontrak", "nama_ppk"], ascending=[False, False, True],
                           ignore_index=True)[list(PPK_HEADINGS)]
