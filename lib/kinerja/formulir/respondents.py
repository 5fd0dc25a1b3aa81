"""Who answers which Survei Teknis form, and which rows each respondent's form holds.

Respondents of a quarter (seed 000 §II.2.e): every PPK (nip_ppk) and every Pokja Pemilihan group
(`surveys.pokja_code(nip_pokja)`) with at least one in-scope package announced in the quarter
(`packages.in_period`). A PPK gets F4 and — when at least one of its packages has a provider —
F5; a Pokja gets F4 and F8.

Which indicators a role reports in F4 (rule of this workbook, documented in the instruction
sheet): an indicator belongs to the PPK (or Pokja) when the role is named as a word in the
indicator's `penanggung_jawab` ("PPK"; "Pokja", e.g. "Koordinator Pokja Pemilihan"), when its
`sumber_data` names the role's own survey form (Format 5 for PPK, Format 8 for Pokja), or when
one of its action plans has the role as `penanggung_jawab`. The action-plan rows are the
action plans whose `penanggung_jawab` names the role: a respondent reports the progress of what
it carries out itself.

The same functions give the writer its prefilled rows and the reader the set of keys a returned
row must belong to, so a form can only be answered about what it asked.
"""

from __future__ import annotations

import re

import pandas as pd

from kinerja.core.config import Parameters
from kinerja.core.periods import Period
from kinerja.inputs import packages as packages_mod
from kinerja.inputs.form_contracts import FORMS_BY_ROLE, POKJA, PPK
from kinerja.inputs.surveys import pokja_code

_ROLE_WORD = {PPK: re.compile(r"\bPPK\b"), POKJA: re.compile(r"\bPokja\b", re.IGNORECASE)}
_ROLE_FORMAT = {PPK: re.compile(r"\bFormat\s*5\b", re.I), POKJA: re.compile(r"\bFormat\s*8\b", re.I)}

RESPONDENT_COLUMNS = ["jenis_responden", "kode_responden", "nama_responden", "jumlah_paket"]


def names_role(text: str | None, role: str) -> bool:
    return bool(text) and bool(_ROLE_WORD[role].search(text))


def action_plans_for(params: Parameters, role: str) -> pd.DataFrame:
    rows = [{"kode_indikator": i.kode, "kode_rencana_aksi": ra.kode, "uraian": ra.uraian,
             "jadwal": ra.jadwal, "keluaran": ra.keluaran}
            for i in params.indikator for ra in i.rencana_aksi if names_role(ra.penanggung_jawab, role)]
    return pd.DataFrame(rows, columns=["kode_indikator", "kode_rencana_aksi", "uraian", "jadwal",
                                       "keluaran"])


def indicators_for(params: Parameters, role: str) -> pd.DataFrame:
    with_plan = set(action_plans_for(params, role)["kode_indikator"])
    rows = [{"kode_indikator": i.kode, "nama_indikator": i.nama, "satuan": i.satuan,
             "target": i.target}
            for i in params.indikator
            if names_role(i.penanggung_jawab, role) or bool(_ROLE_FORMAT[role].search(i.sumber_data))
            or i.kode in with_plan]
    return pd.DataFrame(rows, columns=["kode_indikator", "nama_indikator", "satuan", "target"])


def period_packages(packages: pd.DataFrame, period: Period) -> pd.DataFrame:
    """In-scope packages announced in the quarter, with their Pokja group code."""
    pk = packages_mod.in_period(packages[packages["dalam_lingkup"]], period)
    return pk.assign(kode_pokja=pokja_code(pk["nip_pokja"]))


def rated_in_sikap(period_pk: pd.DataFrame) -> pd.Series:
    """Packages whose contract the PPK has rated in SIKaP (the package view's `dinilai`; unknown,
    i.e. no SIKaP ratings in the store, counts as not rated)."""
    if "dinilai" not in period_pk:
        return pd.Series(False, index=period_pk.index)
    return period_pk["dinilai"].astype("boolean").fillna(False).astype(bool)


def _asked_f5(period_pk: pd.DataFrame) -> pd.Series:
    """Packages F5 asks the PPK to rate: a provider, and no SIKaP rating to take the score from."""
    return period_pk["kd_penyedia"].notna() & ~rated_in_sikap(period_pk)


def left_to_sikap(period_pk: pd.DataFrame) -> pd.Series:
    """Packages with a provider F5 does not ask about: the PPK rated them in SIKaP."""
    return period_pk["kd_penyedia"].notna() & ~_asked_f5(period_pk)


def respondents(period_pk: pd.DataFrame) -> pd.DataFrame:
    """One row per PPK and Pokja group with packages in the period's package frame;
    `dengan_penyedia`: the packages F5 asks about (a PPK's) or with a provider (a Pokja's)."""
    ppk = (period_pk[period_pk["nip_ppk"].notna()].assign(_f5=_asked_f5)
           .groupby("nip_ppk", as_index=False)
           .agg(nama_responden=("nama_ppk", "first"), jumlah_paket=("kd_paket", "size"),
                dengan_penyedia=("_f5", "sum"))
           .rename(columns={"nip_ppk": "kode_responden"}).assign(jenis_responden=PPK))
    pokja = (period_pk[period_pk["kode_pokja"].notna()]
             .groupby("kode_pokja", as_index=False)
             .agg(nama_responden=("nama_pokja", "first"), jumlah_paket=("kd_paket", "size"),
                  dengan_penyedia=("kd_penyedia", "count"))
             .rename(columns={"kode_pokja": "kode_responden"}).assign(jenis_responden=POKJA))
    out = pd.concat([ppk, pokja], ignore_index=True)
    out["kode_responden"] = out["kode_responden"].astype("string")
    return out[RESPONDENT_COLUMNS + ["dengan_penyedia"]].reset_index(drop=True)


def expected_forms(resp: pd.DataFrame) -> pd.DataFrame:
    """(respondent, format) pairs the collection team waits for: F5 only for a PPK whose
    packages include at least one with a provider and no SIKaP rating."""
    rows = []
    for r in resp.itertuples(index=False):
        for code in FORMS_BY_ROLE[r.jenis_responden]:
            if code == "F5" and not r.dengan_penyedia:
                continue
            rows.append({"jenis_responden": r.jenis_responden, "kode_responden": r.kode_responden,
                         "nama_responden": r.nama_responden, "format": code})
    return pd.DataFrame(rows, columns=["jenis_responden", "kode_responden", "nama_responden", "format"])


def _listed(period_pk: pd.DataFrame, role: str, asked: bool = True) -> tuple[pd.DataFrame, str]:
    """The packages F5 (PPK: those with a provider and, when `asked`, no SIKaP rating: the PPK
    is not asked twice) or F8 (Pokja) lists, and the column naming their respondent."""
    if role == PPK:
        return period_pk[_asked_f5(period_pk) if asked else period_pk["kd_penyedia"].notna()], "nip_ppk"
    return period_pk, "kode_pokja"


def package_keys(period_pk: pd.DataFrame, role: str) -> dict[str, set[tuple]]:
    """Per respondent code, the package keys its F5/F8 may hold (what the intake accepts: a
    package rated in SIKaP too — both scores are then shown, provider_scores)."""
    pk, col = _listed(period_pk, role, asked=False)
    return {str(k): {(str(v),) for v in g} for k, g in pk.groupby(col)["kd_paket"]}


def package_rows(period_pk: pd.DataFrame, role: str, kode: str, table_name: str) -> pd.DataFrame:
    """The packages a respondent's F5 or F8 table lists (with their prefilled values)."""
    listed, col = _listed(period_pk, role)
    if role == PPK:
        pk = listed[listed[col] == kode]
        return pd.DataFrame({"kode_paket": pk["kd_paket"], "nama_paket": pk["nama_paket"],
                             "nama_satker": pk["nama_satker"], "nama_penyedia": pk["nama_penyedia"]}
                            ).reset_index(drop=True)
    pk = listed[listed[col] == kode]
    return pd.DataFrame({
        "kode_paket": pk["kd_paket"], "nama_paket": pk["nama_paket"],
        "nama_satker": pk["nama_satker"], "metode": pk["metode"],
        "tgl_pengumuman": pk["tgl_pengumuman"], "tgl_penetapan_pemenang": pk["tgl_penetapan_pemenang"],
        "jumlah_peserta": pk["jumlah_peserta"],
        "tender_ulang": (pk["versi_tender"].fillna(1) > 1).map({True: "Ya", False: "Tidak"}),
    }).reset_index(drop=True)


def rows_for(table_name: str, role: str, kode: str, params: Parameters,
             period_pk: pd.DataFrame) -> pd.DataFrame:
    """Prefilled rows of one table of a respondent's form."""
    if table_name == "DataUtama":
        return indicators_for(params, role)
    if table_name == "RencanaAksi":
        return action_plans_for(params, role)
    return package_rows(period_pk, role, kode, table_name)
