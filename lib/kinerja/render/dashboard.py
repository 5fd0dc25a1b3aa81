"""Format 16: Dasbor Status Nilai Indikator Kinerja Pengadaan — one self-contained HTML file.

A status tile per indicator coloured by its status (Tercapai / Perlu perhatian / Tidak tercapai
/ Belum ada data), realisation against target with an achievement bar, a quarter-trend
sparkline (inline SVG) and filters by strategic area and quarter. Everything is inline (CSS,
script, data as JSON): the file opens offline by double-click and fetches nothing. The tiles
are rendered on the server, so the page shows every indicator even without JavaScript; the
script only filters. All text is escaped (Jinja autoescape; the JSON cannot close its tag).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import jinja2
import pandas as pd

from kinerja.core import fmt
from kinerja.core.measures import MEASURES
from kinerja.core.periods import data_per, incomplete_note
from kinerja.methods import coverage, indicators, report
from kinerja.methods.register_quality import DEMO_BANNER
from kinerja.render import TEMPLATES

TEMPLATE = "dasbor.html.j2"
TITLE = "Dasbor Status Nilai Indikator Kinerja Pengadaan"
STATUS_CLASS = {"Tercapai": "tercapai", "Perlu perhatian": "perhatian", "Tidak tercapai": "tidak",
                "Belum ada data": "kosong"}
TRIWULAN = report.TRIWULAN

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                          autoescape=jinja2.select_autoescape(["html", "j2"]),
                          undefined=jinja2.StrictUndefined)


def _number(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value) \
        else float(value)


def sparkline(values: list[float | None], target: float | None, width: int = 120, height: int = 34) -> dict:
    """Coordinates of a small trend line: points per quarter (None where no value) and the
    target's y; the template draws them as SVG."""
    known = [v for v in values if v is not None]
    scale = known + ([target] if target is not None else [])
    if not known:
        return {"points": [], "line": "", "target_y": None, "width": width, "height": height}
    lo, hi = min(scale), max(scale)
    pad = (hi - lo) * 0.15 or abs(hi) * 0.1 or 1.0
    lo, hi = lo - pad, hi + pad
    step = (width - 12) / max(len(values) - 1, 1)

    def y(v: float) -> float:
        return round(height - 4 - (v - lo) / (hi - lo) * (height - 8), 1)

    points = [{"q": n + 1, "x": round(6 + n * step, 1), "y": y(v)} for n, v in enumerate(values) if v is not None]
    return {"points": points, "line": " ".join(f"{p['x']},{p['y']}" for p in points),
            "target_y": y(target) if target is not None else None, "width": width, "height": height}


def tiles(kpi: pd.DataFrame, trend: pd.DataFrame, params=None) -> list[dict]:
    """One dict per indicator: what its tile shows for the period and for each quarter, and its
    printed definition (indicators.definisi_buku_kerja, with the area's cakupan when `params`)."""
    out = []
    catalogue = {i.kode: i for i in params.indikator} if params is not None else {}
    areas = params.area_strategis if params is not None else None
    for r in kpi.itertuples():
        t = trend[trend["kode"] == r.kode].sort_values("triwulan")
        quarters = {}
        for q in t.itertuples():
            quarters[str(q.triwulan)] = {"nilai": fmt.nilai(q.nilai, r.satuan), "status": q.status,
                                         "kelas": STATUS_CLASS[q.status],
                                         "nama": f"TW {TRIWULAN[q.triwulan - 1]}{_until(t, q.triwulan)}"}
        capaian = _number(r.capaian)
        per_quarter = MEASURES[r.ukuran].per_triwulan
        out.append({
            "kode": r.kode, "nama": r.nama, "area": r.area, "area_nama": r.area_nama or r.area,
            "satuan": r.satuan, "polaritas": "semakin tinggi semakin baik" if r.polaritas == "naik"
            else "semakin rendah semakin baik",
            "nilai": fmt.nilai(r.nilai, r.satuan), "target": fmt.nilai(r.target, r.satuan),
            "capaian": fmt.persen(capaian, 1) if capaian is not None else "–",
            "lebar": 0 if capaian is None else round(min(max(capaian, 0), 100), 1),
            "status": r.status_akhir, "kelas": STATUS_CLASS[r.status_akhir],
            "status_hitung": r.status, "keputusan": r.keputusan or "",
            "sumber": r.sumber, "triwulan": quarters, "per_triwulan": per_quarter,
            # the quarter values as text: the trend line shows the shape, these the figures
            "nilai_triwulan": [{"nama": v["nama"], "nilai": v["nilai"]}
                               for q, v in quarters.items()] if per_quarter else [],
            "keterangan": getattr(r, "keterangan", "") or "",
            "catatan": "; ".join(x for x in (getattr(r, "catatan_hitung", ""), getattr(r, "catatan_kewajaran", ""))
                                 if isinstance(x, str) and x),
            "definisi": indicators.definisi_buku_kerja(catalogue[r.kode], areas) if r.kode in catalogue
            else MEASURES[r.ukuran].printed,
            "spark": sparkline([_number(v) for v in t["nilai"]], _number(r.target)),
        })
    return out


def _until(trend: pd.DataFrame, q: int) -> str:
    """' (data sampai 3 Oktober 2025)' for a quarter that ends after the data date."""
    notes = trend.loc[trend["triwulan"] == q, "catatan_periode"] if "catatan_periode" in trend else []
    note = next((n for n in notes if n), "")
    return f" ({note.split(': ', 1)[1]})" if note else ""


def _json_for_script(data) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can end the element."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_dashboard(path: str | Path, kpi: pd.DataFrame, trend: pd.DataFrame, params, period,
                    generated: dt.date | None = None, revision: str = "", demo: bool = False,
                    draft: bool = False, cakupan: coverage.Coverage | None = None) -> Path:
    """Write the F16 dashboard for the KPI table (report.kpi_table) and its quarter trend
    (report.quarter_trend): its data date ('data per …', the table's tanggal_data), whether
    the period ends after it and, with `cakupan`, the year's procurement by channel and what the
    indicators cover (coverage.lines); `draft`: marked DRAF."""
    items = tiles(kpi, trend, params)
    dated = kpi["tanggal_data"].dropna() if "tanggal_data" in kpi else pd.Series(dtype="datetime64[us]")
    dated = dated.iloc[0] if len(dated) else None
    quarters = sorted({int(q) for q in trend["triwulan"].unique()})
    areas = [{"kode": a.kode, "nama": a.nama} for a in params.area_strategis
             if any(i["area"] == a.kode for i in items)]
    counts = {s: sum(i["status"] == s for i in items) for s in STATUS_CLASS}
    page = _env.get_template(TEMPLATE).render(
        judul=TITLE, ukpbj=params.ukpbj.nama, draft=draft,
        instansi=params.ukpbj.instansi, periode=period.nama + (" (kumulatif)" if period.quarter else ""),
        dibuat=fmt.tanggal(generated or dt.date.today()), revisi=revision, tiles=items, areas=areas,
        quarters=[{"q": q, "nama": f"Triwulan {TRIWULAN[q - 1]}" + _until(trend, q)} for q in quarters],
        counts=counts, status_class=STATUS_CLASS, demo=DEMO_BANNER if demo else "",
        cakupan=coverage.lines(cakupan) if cakupan is not None else [],
        data_per=data_per(dated), periode_belum_lengkap=incomplete_note(period, dated),
        data=_json_for_script({"indikator": {i["kode"]: {"triwulan": i["triwulan"], "nilai": i["nilai"],
                                                         "status": i["status"], "kelas": i["kelas"]}
                                             for i in items}}))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path
