"""What-if targets (simulasi target): move each indicator's target, the status tolerance, the
provider aspect weights and the IKM weight option, and see at once which indicators would be
met and how many OPD / providers would meet each target; save the choice as a new parameter
file that `kinerja run` accepts as is.

Used by `notebooks/whatif_target.ipynb` in JupyterLab and served as an app by Voilà
(`kinerja whatif`, `make whatif`). The numbers come from the same functions as the batch:
`indicators.realisation` (UKPBJ total and `by="nama_satker"`), `indicators.status` /
`achievement`, `providers` (the package scores of provider_scores.load: SIKaP, else F5, exact
hundredths) and
`satisfaction.index` (IKM). Everything that does not depend on a slider is computed once per
period (`precompute`); a slider change only re-evaluates status and counts against the new
settings (`evaluate`), which takes milliseconds on the demo data.

Counting rules (workbook definitions, shown under the table):
- register indicators: OPD whose own realisation (Σ numerator ÷ Σ denominator over its
  packages) meets the target in the indicator's direction, out of the OPD with a realisation;
- provider index: its value is the exact mean package score (as `kinerja kpi`, F15 and F16 give
  it); providers (and OPD) count when their mean package score, rounded half up to hundredths as
  in F6/F7, meets the target;
- internal IKM: OPD whose own internal IKM konversi meets the target, among OPD with at least
  `MIN_RESPONDEN_OPD` respondents (as notebook 03 shows them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kinerja.core import config
from kinerja.core.measures import MEASURES
from kinerja.core.periods import Period
from kinerja.methods import indicators, providers
from kinerja.methods.provider_scores import exact_mean
from kinerja.methods import satisfaction as sat

MIN_RESPONDEN_OPD = sat.MIN_RESPONDEN_KELOMPOK
STATUSES = ("Tercapai", "Perlu perhatian", "Tidak tercapai", "Belum ada data")
BOBOT_IKM = {"1/n": "1/n (tepat)", "0,11": "0,11 (angka cetak peraturan)"}
PERIODS = [("Setahun penuh", 0), ("Triwulan I", 1), ("Triwulan II", 2), ("Triwulan III", 3),
           ("Triwulan IV", 4)]
ALL = ""  # the "all areas / all indicators" choice
# The status colours of charts.COLORS (not imported: that module loads seaborn, a second of
# start-up the page does not need; tests/test_whatif.py checks they stay equal).
COLORS = {"target": "#1f5f8b", "Tercapai": "#2e7d32", "Perlu perhatian": "#f9a825",
          "Tidak tercapai": "#c62828", "Belum ada data": "#9e9e9e"}


# ---------------------------------------------------------------------------- computations

@dataclass
class Measures:
    """Everything a period's evaluation needs that no slider changes."""
    period: Period
    kpi: pd.DataFrame                    # indicators.realisation, UKPBJ total, one row each
    opd: pd.DataFrame                    # realisation per OPD (register indicators only)
    aspects: np.ndarray                  # package scores (SIKaP, else F5): n × 4 aspect scores (int)
    putus: np.ndarray                    # n: contract terminated (score 0)
    provider_code: np.ndarray            # n: index into providers
    satker_code: np.ndarray              # n: index into satker of the rated packages
    n_providers: int
    n_satker: int
    ikm: dict[str, dict[str, float]]     # bobot -> kelompok -> IKM konversi
    ikm_opd: dict[str, np.ndarray]       # bobot -> internal IKM konversi per OPD (≥ min resp.)
    problems: dict[str, str] = field(default_factory=dict)  # source -> Indonesian message
    opd_values: dict[str, np.ndarray] = field(default_factory=dict)  # kode -> per-OPD values

    def __post_init__(self):
        self.opd_values = {k: g["nilai"].to_numpy("float64")
                           for k, g in self.opd.groupby("kode", sort=False)}
        self.kpi_rows = {r["kode"]: r for r in self.kpi.to_dict("records")}


@dataclass
class Settings:
    """What the sliders say."""
    targets: dict[str, float]
    toleransi: float
    bobot_pct: tuple[int, int, int, int]  # kualitas, biaya, waktu, layanan in whole percent
    bobot_ikm: str

    @classmethod
    def from_params(cls, params: config.Parameters) -> "Settings":
        m = params.metode
        return cls({i.kode: float(i.target) for i in params.indikator}, float(m.toleransi_status),
                   tuple(int(x) for x in providers.weights_pct(m.bobot_penyedia)), m.bobot_ikm)


def precompute(p: config.Parameters, period: Period, packages: pd.DataFrame, rows: pd.DataFrame,
               responses: pd.DataFrame, problems: dict[str, str] | None = None) -> Measures:
    """The period's realisations, per-OPD realisations, package score rows (`rows`,
    provider_scores.load(...).scored: SIKaP, else F5) and IKM values (`responses`, the year's satisfaction answers);
    `problems`: what could not be read, shown by the app."""
    scope = p.metode.metode_dalam_lingkup
    kpi = indicators.realisation(packages, p.indikator, period, scope=scope, areas=p.area_strategis)
    opd = indicators.realisation(packages, p.indikator, period, by="nama_satker", scope=scope,
                                 areas=p.area_strategis)
    opd = opd[opd["nilai"].notna() & opd["nama_satker"].notna()].reset_index(drop=True)
    problems = dict(problems or {})
    aspects = rows[list(providers.ASPECTS)].to_numpy(np.int64).reshape(-1, 4)
    putus = rows["putus_kontrak"].to_numpy(bool)
    provider_code, provider_names = pd.factorize(rows["kd_penyedia"])
    satker = providers.with_packages(rows, packages)
    satker_code, satker_names = pd.factorize(satker["nama_satker"])

    ikm: dict[str, dict[str, float]] = {b: {} for b in BOBOT_IKM}
    ikm_opd: dict[str, np.ndarray] = {b: np.array([]) for b in BOBOT_IKM}
    batas = tuple(p.metode.batas_mutu_ikm)
    internal = responses[responses["kelompok"] == "internal"]
    groups = [g for _, g in internal.groupby("nama_satker", sort=True)
              if g[list(sat.UNSUR)].notna().any(axis=1).sum() >= MIN_RESPONDEN_OPD]
    for bobot in BOBOT_IKM:
        try:
            for kelompok in sat.KELOMPOK:
                part = responses[responses["kelompok"] == kelompok]
                ikm[bobot][kelompok] = sat.index(part, bobot, batas).ikm_konversi if len(part) \
                    else float("nan")
            ikm_opd[bobot] = np.array([sat.index(g, bobot, batas).ikm_konversi for g in groups])
        except ValueError as exc:  # 0,11 with fewer than nine unsur rated
            problems[f"ikm {bobot}"] = f"Bobot IKM {bobot}: {exc}."
            ikm[bobot] = {k: float("nan") for k in sat.KELOMPOK}
            ikm_opd[bobot] = np.array([])
    return Measures(period, kpi, opd, aspects, putus, provider_code.astype(np.int64),
                    satker_code.astype(np.int64), len(provider_names), len(satker_names), ikm,
                    ikm_opd, problems)


def _meets(values, target: float, up: bool) -> np.ndarray:
    v = np.asarray(values, dtype="float64")
    return (v >= target) if up else (v <= target)


def provider_scores(m: Measures, bobot_pct) -> tuple[float, np.ndarray, np.ndarray]:
    """(UKPBJ index, mean score per provider, mean score per satker) under the weights
    `bobot_pct`, with the providers module's own functions (package_x100, mean_scores_by: exact
    hundredths rounded half up, as F6/F7) and the index as the KPI gives it
    (provider_scores.exact_mean), returned as values (0–3)."""
    if len(m.aspects) == 0:
        return float("nan"), np.array([]), np.array([])
    x100 = providers.package_x100(m.aspects, m.putus, bobot_pct)
    return (exact_mean(x100), providers.mean_scores_by(x100, m.provider_code, m.n_providers),
            providers.mean_scores_by(x100, m.satker_code, m.n_satker))


COLUMNS = ["kode", "nama", "area", "satuan", "polaritas", "nilai", "target", "status",
           "capaian", "opd_memenuhi", "opd_jumlah", "penyedia_memenuhi", "penyedia_jumlah",
           "catatan", "definisi"]


def evaluate(m: Measures, catalogue: list[config.Indikator], s: Settings,
             areas=None) -> pd.DataFrame:
    """Status, achievement and the OPD / provider counts of every indicator under `s`, with its
    printed definition (indicators.definisi_buku_kerja; `areas`: the parameter file's, for the
    area's cakupan)."""
    weights_ok = providers.pct_ok(s.bobot_pct)
    index, per_provider, per_satker = (provider_scores(m, s.bobot_pct) if weights_ok
                                       else (float("nan"), np.array([]), np.array([])))
    rows = []
    for ind in catalogue:
        target, up = float(s.targets.get(ind.kode, ind.target)), ind.polaritas == "naik"
        value, note = np.nan, ""
        opd_vals = prov_vals = None
        survei = MEASURES[ind.ukuran].survei
        if survei == "penyedia":
            value, opd_vals, prov_vals = index, per_satker, per_provider
            note = ("bobot penyedia tidak berjumlah 100%" if not weights_ok else
                    "" if len(m.aspects) else "belum ada penilaian penyedia (SIKaP maupun Format 5)")
        elif survei in ("internal", "eksternal"):
            kelompok = survei
            value = m.ikm.get(s.bobot_ikm, {}).get(kelompok, np.nan)
            if kelompok == "internal":
                opd_vals = m.ikm_opd.get(s.bobot_ikm, np.array([]))
            note = "" if pd.notna(value) else "belum ada jawaban survei kepuasan"
        elif ind.kode in m.kpi_rows:
            r = m.kpi_rows[ind.kode]
            value, note = r["nilai"], r["catatan"]
            opd_vals = m.opd_values.get(ind.kode, np.array([]))
        count = lambda vals: (int(_meets(vals, target, up).sum()), len(vals)) \
            if vals is not None else (None, None)  # noqa: E731
        (om, on), (pm, pn) = count(opd_vals), count(prov_vals)
        rows.append({"kode": ind.kode, "nama": ind.nama, "area": ind.area, "satuan": ind.satuan,
                     "polaritas": ind.polaritas, "nilai": value, "target": target,
                     "opd_memenuhi": om, "opd_jumlah": on, "penyedia_memenuhi": pm,
                     "penyedia_jumlah": pn, "catatan": note,
                     "definisi": indicators.definisi_buku_kerja(ind, areas)})
    out = pd.DataFrame(rows)
    out["status"] = indicators.status(out["nilai"], out["target"], out["polaritas"], s.toleransi)
    out["capaian"] = indicators.achievement(out["nilai"], out["target"], out["polaritas"])
    return out[COLUMNS]
