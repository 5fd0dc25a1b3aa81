"""The PPK's official ratings of providers (SIKaP, Peraturan LKPP 4/2021) as the register holds
them (`reg_penilaian`: one row per indicator per contract, name and value as delivered), judged
into one rating per contract on the four aspects of methodology §1.

Which rows: per package (kd_paket), the rows of its latest load (`_seq`: a changed file loaded
again piles its rows on the earlier ones) and, within that load, of its last contract version
(highest versi_addendum). Each contract (no_kontrak) among them is one rating.

Indicator names are matched leniently, and only so: case, spacing, punctuation and invisible
characters are ignored (Unicode NFKC, case-folded, every character that is not a letter or a
digit dropped), and the result must equal the normalised name of an aspect — its name in the
regulation or its short name (ASPECT_NAMES: "Kualitas" and "Kualitas dan Kuantitas Pekerjaan"
are one aspect). Any other name is an unknown indicator: listed in data quality, never guessed.

Values: a whole number from `metode.skala_penyedia.terendah` to `tertinggi` (national: 1–3); a
contract terminated for the provider's fault carries `putus_kontrak` (national: 0) on every aspect
and scores 0. A rating is used only when each of the four aspects has exactly one valid value;
otherwise (an aspect missing, given twice with different values, blank or outside the scale) the
contract is not scored and every reason is listed. An unknown indicator beside four complete
aspects is listed but does not stop the score: nothing is guessed to compute it.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

from kinerja.core.config import SkalaPenyedia
from kinerja.inputs import store
from kinerja.methods.providers import ASPECTS  # the F5 aspects: both sources score alike

ASPECT_NAMES = {"kualitas": ("Kualitas dan Kuantitas Pekerjaan", "Kualitas"), "biaya": ("Biaya",),
                "waktu": ("Waktu",), "layanan": ("Layanan",)}
CONTRACT = ["kode_paket", "no_kontrak", "versi_addendum", "tahun_anggaran", "kd_penyedia", "nama_penyedia",
            "npwp_penyedia", "nip_ppk", "nama_ppk", "nama_paket"]
PROBLEM_COLUMNS = ["kode_paket", "no_kontrak", "nama_paket", "nama_penyedia", "nama_ppk", "indikator_penilaian",
                   "nilai_indikator", "masalah"]
PROBLEM_HEADINGS = {"kode_paket": "Kode paket", "no_kontrak": "Nomor kontrak", "nama_paket": "Nama paket",
                    "nama_penyedia": "Penyedia", "nama_ppk": "PPK penilai", "indikator_penilaian": "Indikator",
                    "nilai_indikator": "Nilai", "masalah": "Masalah"}
UNKNOWN = "indikator tidak dikenal (bukan salah satu dari empat aspek; tidak ditebak)"

# The ratings of each package's latest load and last contract version, with the provider code a
# contract of the same NPWP carries (a non-tender contract gives no kd_penyedia).
_LATEST = """
SELECT r.*, n.kd_npwp FROM (
  SELECT *, dense_rank() OVER (PARTITION BY kd_paket ORDER BY _seq DESC, coalesce(versi_addendum, 0) DESC) AS _n
  FROM reg_penilaian WHERE kd_paket IS NOT NULL) r
LEFT JOIN (SELECT npwp_penyedia, min(kd_penyedia) AS kd_npwp FROM reg_kontrak
           WHERE npwp_penyedia IS NOT NULL AND kd_penyedia IS NOT NULL GROUP BY ALL) n USING (npwp_penyedia)
WHERE r._n = 1 ORDER BY r.kd_paket, r.no_kontrak, r._row
"""


def latest(con) -> pd.DataFrame:
    """The rating rows each contract is judged on (module docstring), as stored."""
    rows = con.execute(_LATEST).df().drop(columns="_n")
    rows["kd_penyedia"] = rows["kd_penyedia"].fillna(rows.pop("kd_npwp"))
    return rows.rename(columns={"kd_paket": "kode_paket"})


def from_store(store_path) -> pd.DataFrame:
    """`latest` on the store at `store_path`, opened read only for the call."""
    con = store.connect(store_path, read_only=True)
    try:
        return latest(con)
    finally:
        con.close()


def normalise(name) -> str:
    """'Kualitas dan Kuantitas  Pekerjaan.' -> 'kualitasdankuantitaspekerjaan'."""
    text = unicodedata.normalize("NFKC", str(name)).casefold()
    return "".join(ch for ch in text if ch.isalnum())


_BY_NAME = {normalise(n): aspect for aspect, names in ASPECT_NAMES.items() for n in names}


def aspect_of(names: pd.Series) -> pd.Series:
    """The aspect each indicator name is (ASPECTS), missing for an unknown name."""
    return names.map(lambda n: _BY_NAME.get(normalise(n)) if pd.notna(n) else None).astype("string")


def _row_problems(rows: pd.DataFrame, aspect: pd.Series, skala: SkalaPenyedia) -> pd.Series:
    """Per rating row: what is wrong with it ('' when nothing)."""
    value = rows["nilai_indikator"].astype("Float64")
    whole = (value.notna() & value.eq(value.round())).fillna(False)
    on_scale = (whole & value.between(skala.terendah, skala.tertinggi)).fillna(False)
    zero = (whole & value.eq(skala.putus_kontrak)).fillna(False)
    # putus_kontrak is on the scale only where every aspect of the contract carries it
    contract = rows["kode_paket"].astype(str) + "\x00" + rows["no_kontrak"].fillna("").astype(str)
    known = aspect.notna()
    terminated = (zero | ~known).groupby(contract).transform("all") & known.groupby(contract).transform("any")
    text = np.select(
        [~known.to_numpy(), value.isna().to_numpy(bool), ~(on_scale | (zero & terminated)).to_numpy(bool)],
        [UNKNOWN, "nilai kosong",
         f"nilai di luar skala {skala.terendah}–{skala.tertinggi} (kontrak diputus: semua aspek "
         f"{skala.putus_kontrak})"], "")
    return pd.Series(text, index=rows.index)


def judge(rows: pd.DataFrame, skala: SkalaPenyedia = SkalaPenyedia()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(contracts, problems) from `latest` rows. contracts: one row per rated contract with its
    four aspect scores (Int64, missing unless the rating can be scored), putus_kontrak and
    `dipakai` (the rating can be scored); problems: one row per reason a rating row or contract
    is not as the scheme wants (PROBLEM_COLUMNS)."""
    rows = rows.reset_index(drop=True).assign(no_kontrak=rows["no_kontrak"].fillna("").to_numpy())
    aspect = aspect_of(rows["indikator_penilaian"])
    problem = _row_problems(rows, aspect, skala)
    keys = ["kode_paket", "no_kontrak"]
    contracts = rows.groupby(keys, sort=False).first().reindex(columns=CONTRACT[2:]).reset_index()
    at = pd.MultiIndex.from_frame(contracts[keys])
    known = rows.assign(aspek=aspect, _ok=problem.eq(""))[aspect.notna().to_numpy()]

    def by_aspect(values: pd.Series) -> pd.DataFrame:
        return values.unstack("aspek").reindex(index=at, columns=list(ASPECTS))

    given = by_aspect(known.groupby([*keys, "aspek"]).size()).notna()
    valid = known[known["_ok"]].groupby([*keys, "aspek"])["nilai_indikator"].agg(["min", "max"])
    value = by_aspect(valid["min"])
    twice = by_aspect(valid["min"] != valid["max"]).fillna(False).astype(bool)
    spoilt = at.isin(known.loc[~known["_ok"], keys].apply(tuple, axis=1).tolist()) if (~known["_ok"]).any() \
        else np.zeros(len(at), bool)
    contracts["dipakai"] = (value.notna().all(axis=1) & ~twice.any(axis=1)).to_numpy() & ~spoilt
    for a in ASPECTS:
        contracts[a] = value[a].where(contracts["dipakai"].to_numpy()).to_numpy()
        contracts[a] = contracts[a].astype("Int64")
    contracts["putus_kontrak"] = contracts["dipakai"] & (value == skala.putus_kontrak).all(axis=1).to_numpy()
    whole = [contracts.assign(indikator_penilaian=ASPECT_NAMES[a][0], nilai_indikator=np.nan, masalah=text)[mask]
             for a in ASPECTS for mask, text in ((~given[a].to_numpy(), "aspek tidak ada pada penilaian"),
                                                 (twice[a].to_numpy(), "aspek dinilai dua kali dengan nilai berbeda"))]
    problems = pd.concat([rows.assign(masalah=problem)[problem.ne("")], *whole], ignore_index=True)
    for frame in (contracts, problems):
        frame["no_kontrak"] = frame["no_kontrak"].replace("", pd.NA)
    return contracts, problems.reindex(columns=PROBLEM_COLUMNS).reset_index(drop=True)
