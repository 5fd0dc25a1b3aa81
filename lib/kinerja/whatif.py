"""What-if targets (simulasi target): move each indicator's target, the status tolerance, the
provider aspect weights and the IKM weight option, and see at once which indicators would be
met and how many OPD / providers would meet each target; save the choice as a new parameter
file that `kinerja run` accepts as is.

Used by `notebooks/whatif_target.ipynb` in JupyterLab and served as an app by Voilà
(`kinerja whatif`, `make whatif`). The numbers come from the same functions as the batch:
`indicators.realisation` (UKPBJ total and `by="nama_satker"`), `indicators.status` /
`achievement`, `providers` (package scores from the F5 rows, exact hundredths) and
`satisfaction.index` (IKM). Everything that does not depend on a slider is computed once per
period (`precompute`); a slider change only re-evaluates status and counts against the new
settings (`evaluate`), which takes milliseconds on the demo data.

Counting rules (workbook definitions, shown under the table):
- register indicators: OPD whose own realisation (Σ numerator ÷ Σ denominator over its
  packages) meets the target in the indicator's direction, out of the OPD with a realisation;
- provider index: providers (and OPD) whose mean package score, rounded half up to hundredths
  as in F6/F7, meets the target;
- internal IKM: OPD whose own internal IKM konversi meets the target, among OPD with at least
  `MIN_RESPONDEN_OPD` respondents (as notebook 03 shows them).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from kinerja import config, fmt, indicators, paths, providers, satisfaction as sat, workbook
from kinerja.periods import Period

MIN_RESPONDEN_OPD = 5
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
    aspects: np.ndarray                  # F5 package scores: n × 4 aspect scores (int)
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


def precompute(ctx: workbook.Context, period: Period) -> Measures:
    """The period's realisations, per-OPD realisations, F5 score rows and IKM values."""
    p = ctx.params
    scope = p.metode.metode_dalam_lingkup
    packages = ctx.packages()
    kpi = indicators.realisation(packages, p.indikator, period, scope=scope, areas=p.area_strategis)
    opd = indicators.realisation(packages, p.indikator, period, by="nama_satker", scope=scope,
                                 areas=p.area_strategis)
    opd = opd[opd["nilai"].notna() & opd["nama_satker"].notna()].reset_index(drop=True)
    problems: dict[str, str] = {}

    try:
        rows = providers.load_scores(ctx, period)
    except ValueError as exc:  # a bad survey file: named rows and columns, in Indonesian
        problems["penyedia"] = f"Data penilaian penyedia tidak dapat dipakai: {exc}"
        rows = providers.read_scores(pd.DataFrame(columns=list(providers.REQUIRED)))
    aspects = rows[list(providers.ASPECTS)].to_numpy(np.int64).reshape(-1, 4)
    putus = rows["putus_kontrak"].to_numpy(bool)
    provider_code, provider_names = pd.factorize(rows["kd_penyedia"])
    satker = providers.with_packages(rows, packages)
    satker_code, satker_names = pd.factorize(satker["nama_satker"])

    ikm: dict[str, dict[str, float]] = {b: {} for b in BOBOT_IKM}
    ikm_opd: dict[str, np.ndarray] = {b: np.array([]) for b in BOBOT_IKM}
    try:
        responses = sat.load_responses(ctx, period.year)
    except ValueError as exc:
        problems["ikm"] = f"Data survei kepuasan tidak dapat dipakai: {exc}"
        responses = pd.DataFrame(columns=["kelompok", "nama_satker", *sat.UNSUR])
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
    """(UKPBJ index, mean score per provider, mean score per satker), all in exact hundredths
    rounded half up as providers.py does, returned as values (0–3)."""
    pct = np.asarray(bobot_pct, dtype=np.int64)
    if len(m.aspects) == 0:
        return float("nan"), np.array([]), np.array([])
    x100 = np.where(m.putus, 0, m.aspects @ pct)
    index = providers.mean_x100(x100.sum(), len(x100)) / 100

    def per(codes, n):
        ok = codes >= 0
        total = np.bincount(codes[ok], weights=x100[ok], minlength=n).astype(np.int64)
        count = np.bincount(codes[ok], minlength=n)
        return providers.mean_x100(total[count > 0], count[count > 0]) / 100

    return float(index), per(m.provider_code, m.n_providers), per(m.satker_code, m.n_satker)


COLUMNS = ["kode", "nama", "area", "satuan", "polaritas", "nilai", "target", "status",
           "capaian", "opd_memenuhi", "opd_jumlah", "penyedia_memenuhi", "penyedia_jumlah",
           "catatan"]


def evaluate(m: Measures, catalogue: list[config.Indikator], s: Settings) -> pd.DataFrame:
    """Status, achievement and the OPD / provider counts of every indicator under `s`."""
    weights_ok = sum(s.bobot_pct) == 100 and all(0 <= w <= 100 for w in s.bobot_pct)
    index, per_provider, per_satker = (provider_scores(m, s.bobot_pct) if weights_ok
                                       else (float("nan"), np.array([]), np.array([])))
    rows = []
    for ind in catalogue:
        target, up = float(s.targets.get(ind.kode, ind.target)), ind.polaritas == "naik"
        value, note = np.nan, ""
        opd_vals = prov_vals = None
        if ind.ukuran == "nilai_kinerja_penyedia":
            value, opd_vals, prov_vals = index, per_satker, per_provider
            note = ("bobot penyedia tidak berjumlah 100%" if not weights_ok else
                    "" if len(m.aspects) else "belum ada penilaian penyedia (Format 5)")
        elif ind.ukuran in ("ikm_internal", "ikm_eksternal"):
            kelompok = ind.ukuran.removeprefix("ikm_")
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
                     "penyedia_jumlah": pn, "catatan": note})
    out = pd.DataFrame(rows)
    out["status"] = indicators.status(out["nilai"], out["target"], out["polaritas"], s.toleransi)
    out["capaian"] = indicators.achievement(out["nilai"], out["target"], out["polaritas"])
    return out[COLUMNS]


# ---------------------------------------------------------------------------- saving

class SaveError(Exception):
    """A save that did not happen; the message is for the user (Indonesian)."""


def _child(node, key: str):
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None


def _last_leaf(node):
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node


def _block(keys: list[str], literal: str, indent: int) -> str:
    lines = [" " * (indent + 2 * n) + f"{k}:" for n, k in enumerate(keys)]
    lines[-1] += f" {literal}"
    return "\n".join(lines)


def set_value(text: str, path: tuple, literal: str) -> str:
    """`text` with the YAML value at `path` replaced by `literal` (a YAML scalar as written),
    keeping every other character (comments, quoting, order). A path step is a mapping key or
    (key, value) to pick the sequence item whose `key` equals `value`. A missing key is added
    at the end of its mapping."""
    node = yaml.compose(text)
    for n, step in enumerate(path):
        if isinstance(step, tuple):
            items = node.value if isinstance(node, yaml.SequenceNode) else []
            found = [i for i in items if isinstance(i, yaml.MappingNode)
                     and getattr(_child(i, step[0]), "value", None) == step[1]]
            if not found:
                raise SaveError(f"butir dengan {step[0]} '{step[1]}' tidak ditemukan")
            node = found[0]
            continue
        if not isinstance(node, yaml.MappingNode):
            raise SaveError(f"kunci '{'.'.join(map(str, path[:n]))}' bukan bagian berisi kunci")
        child = _child(node, step)
        if child is None:  # add the missing key (and what is under it) to this mapping
            rest = [str(k) for k in path[n:]]
            if node.flow_style:
                nested = literal
                for k in reversed(rest[1:]):
                    nested = f"{{{k}: {nested}}}"
                at = node.end_mark.index - 1  # before the closing brace
                sep = ", " if node.value else ""
                return text[:at] + f"{sep}{rest[0]}: {nested}" + text[at:]
            indent = node.value[0][0].start_mark.column if node.value else 0
            leaf = _last_leaf(node)
            at = text.find("\n", leaf.end_mark.index)
            at = len(text) if at < 0 else at
            return text[:at] + "\n" + _block(rest, literal, indent) + text[at:]
        node = child
    if not isinstance(node, yaml.ScalarNode):
        raise SaveError(f"kunci '{'.'.join(map(str, path))}' bukan nilai tunggal")
    return text[:node.start_mark.index] + literal + text[node.end_mark.index:]


def _number(value: float) -> str:
    return repr(round(float(value), 6))


def changes(params: config.Parameters, s: Settings) -> list[tuple[tuple, str, str]]:
    """(YAML path, new literal, Indonesian description) for each setting that differs from
    the parameter file."""
    out = []
    for ind in params.indikator:
        new = round(float(s.targets.get(ind.kode, ind.target)), 6)
        if new != round(float(ind.target), 6):
            out.append((("indikator", ("kode", ind.kode), "target"), _number(new),
                        f"{ind.kode} target: {fmt.angka(ind.target, 2)} → {fmt.angka(new, 2)}"))
    m = params.metode
    if round(s.toleransi, 6) != round(m.toleransi_status, 6):
        out.append((("metode", "toleransi_status"), _number(s.toleransi),
                    f"toleransi status: {fmt.persen(m.toleransi_status * 100, 0)} → "
                    f"{fmt.persen(s.toleransi * 100, 0)}"))
    old = providers.weights_pct(m.bobot_penyedia)
    for aspect, before, after in zip(providers.ASPECTS, old, s.bobot_pct):
        if int(before) != int(after):
            out.append((("metode", "bobot_penyedia", aspect), _number(after / 100),
                        f"bobot penyedia {aspect}: {before}% → {after}%"))
    if s.bobot_ikm != m.bobot_ikm:
        out.append((("metode", "bobot_ikm"), f"'{s.bobot_ikm}'",
                    f"bobot IKM: {m.bobot_ikm} → {s.bobot_ikm}"))
    return out


SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def target_path(params: config.Parameters, name: str | None = None,
                now: dt.datetime | None = None) -> Path:
    """Where a save goes: beside the original file, `<stem>-whatif-<YYYYmmdd-HHMMSS>.yaml`
    or the name typed by the user (a file name, not a path; .yaml added when missing)."""
    source = params.source
    if source is None:
        raise SaveError("berkas parameter asal tidak diketahui")
    name = (name or "").strip()
    if not name:
        stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
        return source.parent / f"{source.stem}-whatif-{stamp}.yaml"
    if not SAFE_NAME.match(name):
        raise SaveError(f"nama berkas '{name}' tidak sah: pakai huruf, angka, titik, garis bawah "
                        f"atau tanda hubung saja, tanpa folder")
    if not name.lower().endswith((".yaml", ".yml")):
        name += ".yaml"
    return source.parent / name


def save_parameters(params: config.Parameters, s: Settings, name: str | None = None,
         now: dt.datetime | None = None) -> tuple[Path, list[str]]:
    """Write the settings into a NEW parameter file made from the original file's text with only
    the changed values replaced; validate it with `config.load` before it is written, never
    overwrite a file. Returns (path, descriptions of the changes). Raises SaveError."""
    if sum(s.bobot_pct) != 100:
        raise SaveError(f"bobot penilaian penyedia berjumlah {sum(s.bobot_pct)}%, harus 100%")
    path = target_path(params, name, now)
    if path.exists():
        raise SaveError(f"berkas '{path.name}' sudah ada; berkas yang ada tidak pernah ditimpa — "
                        f"pilih nama lain")
    try:
        text = params.source.read_text(encoding="utf-8")
    except OSError as exc:
        raise SaveError(f"berkas asal '{params.source}' tidak dapat dibaca ({exc.strerror})") from None
    todo = changes(params, s)
    for yaml_path, literal, _ in todo:
        text = set_value(text, yaml_path, literal)
    when = fmt.tanggal(now or dt.datetime.now()) + (now or dt.datetime.now()).strftime(" %H.%M")
    head = [f"# Dibuat oleh Simulasi Target (notebooks/whatif_target.ipynb) pada {when}",
            f"# dari {params.source.name}. Perubahan:"]
    head += [f"# - {d}" for _, _, d in todo] or ["# - (tidak ada; salinan berkas asal)"]
    text = "\n".join(head) + "\n" + text
    # Validate before anything is written where the user will look.
    with tempfile.TemporaryDirectory() as tmp:
        check = Path(tmp) / path.name
        check.write_text(text, encoding="utf-8")
        try:
            loaded = config.load(check)
        except config.ParameterError as exc:
            raise SaveError(f"berkas hasil tidak sah: {exc}") from None
    got = Settings.from_params(loaded)
    want = Settings(dict(s.targets), s.toleransi, tuple(s.bobot_pct), s.bobot_ikm)
    if (any(abs(got.targets[k] - want.targets.get(k, got.targets[k])) > 1e-9 for k in got.targets)
            or abs(got.toleransi - want.toleransi) > 1e-9 or got.bobot_pct != want.bobot_pct
            or got.bobot_ikm != want.bobot_ikm):
        raise SaveError("berkas hasil tidak memuat nilai yang dipilih; tidak disimpan")
    try:
        with open(path, "x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        raise SaveError(f"berkas '{path.name}' sudah ada; pilih nama lain") from None
    except PermissionError:
        raise SaveError(f"folder '{path.parent}' tidak dapat ditulisi (izin ditolak)") from None
    except OSError as exc:
        raise SaveError(f"berkas '{path}' tidak dapat ditulis ({exc.strerror})") from None
    return path, [d for _, _, d in todo]


# ---------------------------------------------------------------------------- rendering

# babel's number formatting is most of a redraw's time; slider values repeat, so remember them.
_nilai = functools.lru_cache(maxsize=8192)(fmt.nilai)
_persen = functools.lru_cache(maxsize=8192)(fmt.persen)
_angka = functools.lru_cache(maxsize=8192)(fmt.angka)

def _badge(status: str) -> str:
    color = COLORS.get(status, "#9e9e9e")
    text = "#000" if status == "Perlu perhatian" else "#fff"
    return (f'<span class="whatif-status" style="background:{color};color:{text};'
            f'padding:1px 6px;border-radius:3px;white-space:nowrap">{html.escape(status)}</span>')


def _count(n, total) -> str:
    if n is None or pd.isna(n):
        return "–"
    if pd.isna(total) or not total:
        return "tidak ada data"
    return f"{_angka(n)} dari {_angka(total)}"


def table_html(result: pd.DataFrame) -> str:
    """The status table (Indonesian headings and number formats)."""
    head = ("Kode", "Indikator", "Realisasi", "Target", "Status", "Capaian",
            "OPD memenuhi target", "Penyedia memenuhi target")
    cells = []
    for r in result.itertuples():
        value = _nilai(r.nilai, r.satuan)
        if r.catatan and pd.isna(r.nilai):
            value = f'– <small style="color:#666">({html.escape(r.catatan)})</small>'
        cells.append(
            f'<tr data-kode="{html.escape(r.kode)}"><td>{html.escape(r.kode)}</td>'
            f"<td>{html.escape(r.nama)}</td><td style='text-align:right'>{value}</td>"
            f"<td style='text-align:right'>{_nilai(r.target, r.satuan)}</td>"
            f"<td>{_badge(r.status)}</td><td style='text-align:right'>{_persen(r.capaian, 1)}</td>"
            f"<td style='text-align:right'>{_count(r.opd_memenuhi, r.opd_jumlah)}</td>"
            f"<td style='text-align:right'>{_count(r.penyedia_memenuhi, r.penyedia_jumlah)}</td></tr>")
    th = "".join(f"<th style='text-align:left;border-bottom:2px solid #1f5f8b;padding:4px'>{h}</th>"
                 for h in head)
    return ("<table class='whatif-tabel' style='border-collapse:collapse;font-size:13px;width:100%'>"
            f"<thead><tr>{th}</tr></thead><tbody>{''.join(cells)}</tbody></table>"
            "<style>.whatif-tabel td{padding:3px 4px;border-bottom:1px solid #ddd;line-height:1.35}"
            ".whatif-tabel td:first-child{white-space:nowrap}</style>")


def summary_html(result: pd.DataFrame) -> str:
    counts = result["status"].value_counts()
    parts = [f"{_badge(s)} {_angka(int(counts.get(s, 0)))}" for s in STATUSES]
    return (f"<div class='whatif-ringkasan' style='font-size:14px'><b>{_angka(len(result))} "
            f"indikator</b> — " + " &nbsp; ".join(parts) + "</div>")


def chart_svg(result: pd.DataFrame, cap: float = 150.0) -> str:
    """Horizontal bars: achievement (capaian, % of target) per indicator coloured by status,
    with the 100% line; and the share of OPD meeting each target. SVG, so an update costs
    no image rendering."""
    n = len(result)
    row, left, width = 22, 250, 330
    height = 40 + row * max(n, 1)
    x = lambda v: left + width * min(max(v, 0), cap) / cap  # noqa: E731
    parts = [f"<svg class='whatif-grafik' xmlns='http://www.w3.org/2000/svg' width='{left + width + 260}' "
             f"height='{height}' font-family='DejaVu Sans, sans-serif' font-size='11'>",
             f"<text x='{left}' y='14' font-weight='bold'>Capaian terhadap target (%)</text>",
             f"<text x='{left + width + 20}' y='14' font-weight='bold'>OPD memenuhi target (%)</text>"]
    for i, r in enumerate(result.itertuples()):
        y = 24 + i * row
        label = f"{r.kode} {r.nama}"
        label = label if len(label) <= 38 else label[:37] + "…"
        parts.append(f"<text x='{left - 6}' y='{y + 13}' text-anchor='end'>{html.escape(label)}</text>")
        color = COLORS.get(r.status, "#9e9e9e")
        if pd.notna(r.capaian):
            parts.append(f"<rect x='{left}' y='{y + 3}' width='{x(r.capaian) - left:.1f}' height='{row - 7}' "
                         f"fill='{color}'><title>{html.escape(r.status)}</title></rect>")
            parts.append(f"<text x='{x(r.capaian) + 4:.1f}' y='{y + 13}'>{_persen(r.capaian, 1)}</text>")
        else:
            parts.append(f"<text x='{left + 4}' y='{y + 13}' fill='#666'>belum ada data</text>")
        if pd.notna(r.opd_jumlah) and r.opd_jumlah > 0:
            share = r.opd_memenuhi / r.opd_jumlah
            x0 = left + width + 20
            parts.append(f"<rect x='{x0}' y='{y + 3}' width='160' height='{row - 7}' fill='#e8eef3'/>")
            parts.append(f"<rect x='{x0}' y='{y + 3}' width='{160 * share:.1f}' height='{row - 7}' "
                         f"fill='{COLORS['target']}'/>")
            parts.append(f"<text x='{x0 + 166}' y='{y + 13}'>{_persen(share * 100, 0)}</text>")
    x100 = x(100)
    parts.append(f"<line x1='{x100:.1f}' x2='{x100:.1f}' y1='20' y2='{height - 4}' stroke='#333' "
                 f"stroke-dasharray='4 3'/>")
    parts.append(f"<text x='{x100 + 3:.1f}' y='{height - 6}' fill='#333'>target</text>")
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------------------- the app

def _slider_spec(ind: config.Indikator) -> tuple[float, float, float]:
    """(min, max, step) of a target slider in the indicator's unit."""
    t, unit = float(ind.target), ind.satuan.strip().lower()
    if unit == "%":  # a small target gets a short scale, so it can be moved finely
        lo, hi, step = 0.0, 100.0 if t > 50 else float(np.ceil(max(2 * t, 10) / 5) * 5), 0.5
    elif "0–3" in unit or "0-3" in unit:
        lo, hi, step = 0.0, 3.0, 0.01
    elif "25–100" in unit or "25-100" in unit:
        lo, hi, step = 25.0, 100.0, 0.01
    elif unit == "hari":
        lo, hi, step = 0.0, float(max(60, np.ceil(t * 2 / 10) * 10)), 1.0
    else:
        lo, hi, step = 0.0, float(max(10, np.ceil(t * 2))), 0.1
    return lo, max(hi, t), step


def _error_box(message: str) -> str:
    return ("<div class='whatif-galat' style='background:#fdecea;border-left:4px solid #c62828;"
            f"padding:6px 10px;white-space:pre-wrap'>{html.escape(message)}</div>")


def _ok_box(message: str) -> str:
    return ("<div class='whatif-berhasil' style='background:#e8f5e9;border-left:4px solid #2e7d32;"
            f"padding:6px 10px;white-space:pre-wrap'>{html.escape(message)}</div>")


class App:
    """The what-if page. Build it from the stage parameters (or a ready Context); `view()`
    returns the widget tree. Every change recomputes through `refresh()`, which never raises:
    an error is shown in the page (`self.messages`) in Indonesian."""

    def __init__(self, params_file: str | Path | None = None, periode: str | int | None = None,
                 store: str | Path | None = None, output_dir: str | Path | None = None,
                 ctx: workbook.Context | None = None, cache: dict | None = None):
        import ipywidgets as w

        self.w = w
        self.messages = w.HTML(layout=w.Layout(width="100%"))
        self.ctx, self.error = ctx, None
        self._cache: dict[str, Measures] = {} if cache is None else cache  # period -> Measures
        self.result: pd.DataFrame | None = None
        self.last_seconds = float("nan")
        try:
            if self.ctx is None:
                self.ctx = workbook.context(params_file or "parameters/kaltim-2024.yaml",
                                            periode or "2024", store, output_dir)
            self.params = self.ctx.params
            self.settings = Settings.from_params(self.params)
            self._build()
            self.refresh()
        except Exception as exc:  # noqa: BLE001 - any failure becomes a message in the page
            self.error = _describe(exc, "Simulasi tidak dapat dimulai")
            self.messages.value = _error_box(self.error)

    # ------------------------------------------------------------------ widgets
    def _build(self) -> None:
        w, p = self.w, self.params
        years = sorted({int(y) for y in self.ctx.packages()["tahun_anggaran"].dropna().unique()}
                       | {self.ctx.period.year})
        style = {"description_width": "initial"}
        self.year = w.Dropdown(options=[(str(y), y) for y in years], value=self.ctx.period.year,
                               description="Tahun anggaran", style=style)
        self.quarter = w.Dropdown(options=PERIODS, value=self.ctx.period.quarter or 0,
                                  description="Periode", style=style)
        self.area = w.Dropdown(options=[("Semua area strategis", ALL)]
                               + [(f"{a.kode} {a.nama}", a.kode) for a in p.area_strategis],
                               value=ALL, description="Area strategis", style=style)
        self.indicator = w.Dropdown(options=[("Semua indikator", ALL)]
                                    + [(f"{i.kode} {i.nama}", i.kode) for i in p.indikator],
                                    value=ALL, description="Indikator", style=style)

        self.sliders: dict[str, object] = {}
        self.slider_text: dict[str, object] = {}
        self.slider_rows: dict[str, object] = {}
        for ind in p.indikator:
            lo, hi, step = _slider_spec(ind)
            s = w.FloatSlider(value=float(ind.target), min=lo, max=hi, step=step, readout=False,
                              continuous_update=True, description=ind.kode, tooltip=ind.nama, layout=w.Layout(width="340px"))
            text = w.HTML()
            name = w.HTML(f"<span title='{html.escape(ind.nama)}'>{html.escape(ind.nama)}</span>",
                          layout=w.Layout(width="300px"))
            self.sliders[ind.kode], self.slider_text[ind.kode] = s, text
            self.slider_rows[ind.kode] = w.HBox([s, text, name])
            s.observe(self._on_target, names="value")

        m = p.metode
        wide = {"description_width": "240px"}
        self.tolerance = w.FloatSlider(value=float(m.toleransi_status), min=0, max=0.5, step=0.01,
                                       readout=False, continuous_update=True,
                                       description="Toleransi status", style=wide,
                                       layout=w.Layout(width="420px"))
        self.tolerance_text = w.HTML()
        labels = {a: providers.ASPECT_LABELS[a] for a in providers.ASPECTS}
        self.weights = {a: w.IntSlider(value=int(v), min=0, max=100, step=5, readout=False,
                                       continuous_update=True, description=labels[a],
                                       style=wide, layout=w.Layout(width="420px"))
                        for a, v in zip(providers.ASPECTS, self.settings.bobot_pct)}
        self.weight_text = {a: w.HTML() for a in providers.ASPECTS}
        self.weight_total = w.HTML()
        self.ikm_weight = w.ToggleButtons(options=[(v, k) for k, v in BOBOT_IKM.items()],
                                          value=m.bobot_ikm, description="Bobot unsur IKM",
                                          style={**wide, "button_width": "220px"})
        self.reset = w.Button(description="Kembalikan nilai berkas", layout=w.Layout(width="240px"),
                              tooltip="Target, toleransi dan bobot kembali seperti berkas parameter")

        self.summary = w.HTML()
        self.table = w.HTML()
        self.chart = w.HTML()
        self.note = w.HTML()
        self.timing = w.HTML()

        self.save_name = w.Text(placeholder=f"{p.source.stem}-whatif-<tanggal-jam>.yaml",
                                description="Nama berkas baru", style=style,
                                layout=w.Layout(width="520px"))
        self.save_button = w.Button(description="Simpan sebagai berkas parameter baru",
                                    button_style="primary",
                                    layout=w.Layout(width="300px"))
        self.save_status = w.HTML()

        for widget in (self.year, self.quarter):
            widget.observe(self._on_period, names="value")
        for widget in (self.area, self.indicator):
            widget.observe(self._on_filter, names="value")
        self.tolerance.observe(self._on_method, names="value")
        for s in self.weights.values():
            s.observe(self._on_method, names="value")
        self.ikm_weight.observe(self._on_method, names="value")
        self.reset.on_click(lambda _: self._guard(self.reset_settings))
        self.save_button.on_click(lambda _: self._guard(self.save))

        self.target_box = w.VBox()
        self._apply_filter()
        self._update_labels()

    def view(self):
        """The page: choices, sliders, results, save."""
        w = self.w
        if self.error:
            return w.VBox([w.HTML("<h3>Simulasi Target Indikator Kinerja</h3>"), self.messages])
        p = self.params
        head = w.HTML(f"<div><b>{html.escape(p.ukpbj.nama)}</b> — berkas parameter "
                      f"<code>{html.escape(p.source.name)}</code> (tahun {p.tahun})</div>")
        section = lambda t: w.HTML(f"<h4 style='margin:10px 0 2px'>{t}</h4>")  # noqa: E731
        choose = w.HBox([w.VBox([self.year, self.quarter]), w.VBox([self.area, self.indicator])])
        method = w.VBox([w.HBox([self.tolerance, self.tolerance_text]),
                         w.HTML("<b>Bobot aspek penilaian kinerja penyedia</b> (jumlah 100%)"),
                         *[w.HBox([self.weights[a], self.weight_text[a]]) for a in providers.ASPECTS],
                         self.weight_total, self.ikm_weight, self.reset])
        return w.VBox([
            head, section("Pilihan"), choose,
            section("Target indikator"), self.target_box,
            section("Metode"), method,
            section("Hasil"), self.messages, self.summary, self.table, self.note, self.chart,
            self.timing,
            section("Simpan"), w.HTML("Target, toleransi dan bobot di atas ditulis ke berkas "
                                      "parameter baru di folder yang sama; berkas asal tidak "
                                      "pernah ditimpa."),
            w.HBox([self.save_name, self.save_button]), self.save_status,
        ], layout=w.Layout(width="100%"))

    def _ipython_display_(self):  # `app` as the last line of a cell shows the page too
        from IPython.display import display
        display(self.view())

    # ------------------------------------------------------------------ events
    def _guard(self, fn, *args) -> None:
        try:
            fn(*args)
        except SaveError as exc:
            self.save_status.value = _error_box(f"Berkas tidak disimpan: {exc}.")
        except Exception as exc:  # noqa: BLE001 - shown in the page, never lost in a log
            self.messages.value = _error_box(_describe(exc, "Perhitungan ulang gagal"))

    def _on_target(self, change) -> None:
        owner = change["owner"]
        self.settings.targets[owner.description] = float(change["new"])
        self._guard(self.refresh)

    def _on_method(self, _change) -> None:
        self.settings.toleransi = float(self.tolerance.value)
        self.settings.bobot_pct = tuple(int(self.weights[a].value) for a in providers.ASPECTS)
        self.settings.bobot_ikm = self.ikm_weight.value
        self._guard(self.refresh)

    def _on_period(self, _change) -> None:
        self._guard(self.refresh)

    def _on_filter(self, _change) -> None:
        self._guard(self._filter_changed)

    def _filter_changed(self) -> None:
        self._apply_filter()
        self.refresh()

    def _apply_filter(self) -> None:
        self.target_box.children = [self.slider_rows[i.kode] for i in self.selected()]

    def selected(self) -> list[config.Indikator]:
        """The indicators the area / indicator choice shows."""
        chosen = [i for i in self.params.indikator
                  if self.area.value in (ALL, i.area) and self.indicator.value in (ALL, i.kode)]
        return chosen

    @property
    def period(self) -> Period:
        return Period(int(self.year.value), self.quarter.value or None)

    def measures(self) -> Measures:
        key = self.period.label
        if key not in self._cache:
            self._cache[key] = precompute(self.ctx, self.period)
        return self._cache[key]

    def _update_labels(self) -> None:
        for ind in self.params.indikator:
            s = self.sliders[ind.kode]
            before = _nilai(ind.target, ind.satuan)
            now = _nilai(s.value, ind.satuan)
            changed = "" if abs(s.value - ind.target) < 1e-9 else f" <small>(berkas: {before})</small>"
            self.slider_text[ind.kode].value = f"<b>{now}</b>{changed}"
        self.tolerance_text.value = (f"<b>{_persen(self.tolerance.value * 100, 0)}</b> dari target "
                                     "(pita <i>Perlu perhatian</i>)")
        for a in providers.ASPECTS:
            self.weight_text[a].value = f"<b>{_persen(self.weights[a].value, 0)}</b>"
        total = sum(self.settings.bobot_pct)
        self.weight_total.value = (f"Jumlah bobot: <b>{_persen(total, 0)}</b>" if total == 100 else
                                   f"<span style='color:#c62828'>Jumlah bobot: <b>{_persen(total, 0)}"
                                   f"</b> — harus 100%</span>")

    def refresh(self) -> pd.DataFrame:
        """Re-evaluate and redraw; the seconds it took are in `last_seconds`."""
        t0 = time.perf_counter()
        self._update_labels()
        m = self.measures()
        shown = self.selected()
        result = evaluate(m, shown, self.settings)
        problems = [text for key, text in m.problems.items()
                    if not key.startswith("ikm ") or key == f"ikm {self.settings.bobot_ikm}"]
        if sum(self.settings.bobot_pct) != 100:
            problems.append(f"Bobot penilaian penyedia berjumlah {sum(self.settings.bobot_pct)}%, "
                            f"harus 100%: indeks kinerja penyedia tidak dihitung sampai bobot "
                            f"diperbaiki, dan berkas tidak dapat disimpan.")
        self.messages.value = _error_box("\n".join(problems)) if problems else ""
        self.summary.value = summary_html(result)
        self.table.value = table_html(result)
        self.chart.value = chart_svg(result)
        self.note.value = self._note(m)
        self.result = result
        self.last_seconds = time.perf_counter() - t0
        self.timing.value = (f"<small style='color:#666'>Dihitung ulang dalam "
                             f"{fmt.angka(self.last_seconds, 3)} detik.</small>")
        return result

    def _note(self, m: Measures) -> str:
        return ("<small style='color:#444'>" + html.escape(
            f"{m.period.nama}. Status: Tercapai bila realisasi memenuhi target menurut arah "
            f"indikator; Perlu perhatian bila selisihnya dalam toleransi "
            f"{fmt.persen(self.settings.toleransi * 100, 0)} dari target; Tidak tercapai bila "
            f"lebih. OPD memenuhi target: OPD yang realisasinya sendiri (paket OPD itu) memenuhi "
            f"target, dari OPD yang memiliki realisasi; untuk indeks kinerja penyedia, rata-rata "
            f"nilai paket OPD/penyedia; untuk IKM internal, OPD dengan paling sedikit "
            f"{MIN_RESPONDEN_OPD} responden. IKM dihitung dari survei tahun {m.period.year}.")
            + "</small>")

    def reset_settings(self) -> None:
        """Back to the parameter file's values."""
        original = Settings.from_params(self.params)
        for kode, s in self.sliders.items():
            s.value = original.targets[kode]
        self.tolerance.value = original.toleransi
        for a, v in zip(providers.ASPECTS, original.bobot_pct):
            self.weights[a].value = v
        self.ikm_weight.value = original.bobot_ikm
        self.settings = original
        self.refresh()

    def save(self, name: str | None = None) -> Path:
        """Write the current choice to a new parameter file (see `save`); report in the page."""
        path, done = save_parameters(self.params, self.settings,
                                     name if name is not None else self.save_name.value)
        listed = "\n".join(f"- {d}" for d in done) or "- tidak ada perubahan (salinan berkas asal)"
        try:
            shown = path.relative_to(paths.ROOT)
        except ValueError:
            shown = path
        self.save_status.value = _ok_box(
            f"Tersimpan: {shown}\n{listed}\nLaporan dengan berkas ini: kinerja run --params {shown}")
        return path


def _describe(exc: Exception, what: str) -> str:
    """One Indonesian sentence for an exception shown in the page (details of unexpected ones
    are kept short: class, message and the innermost frame)."""
    if isinstance(exc, (config.ParameterError, SaveError, ValueError, FileNotFoundError)):
        return f"{what}: {exc}"
    tb = traceback.extract_tb(exc.__traceback__)
    where = f" ({Path(tb[-1].filename).name}, baris {tb[-1].lineno})" if tb else ""
    return f"{what}: galat tak terduga {exc.__class__.__name__}: {exc}{where}"
