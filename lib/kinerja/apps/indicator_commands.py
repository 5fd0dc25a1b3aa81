"""The `kinerja` indicator commands: `kpi` (the indicators' realisation for a period, as text or
JSON) and `whatif` (the target simulation served with Voilà)."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pandas as pd

from kinerja.apps.cli_common import EXIT_OK, UserError, parameter_packages, store_location
from kinerja.core import config, fmt, paths
from kinerja.core.frames import python_value
from kinerja.core.measures import MEASURES
from kinerja.core.periods import Period, data_per, incomplete_note
from kinerja.inputs import processes
from kinerja.methods import (indicators, kpi_status, missing, planning, provider_scores, register_quality,
                             report)


def cmd_kpi(args) -> int:
    params = config.load(args.params)
    period = Period.parse(args.period)
    pk = parameter_packages(args, params)
    db = store_location(args, params)
    lacking = register_quality.lacking(params, db)
    real = kpi_status.register_kpis(params, period, pk, cumulative=False)
    real["target"] = [i.target for i in params.indikator]
    scores = provider_scores.load(params, db, pk, period, strict=False)
    real = provider_scores.into_kpi(real, scores)
    kpi = kpi_status.judge(real, params, period, pk, lacking=lacking)
    provider = kpi["ukuran"].map(lambda u: MEASURES[u].survei == "penyedia")
    survey = kpi["ukuran"].map(lambda u: MEASURES[u].compute is None) & ~provider
    kpi["keterangan"] = kpi["keterangan"].where(~survey, "")  # a satisfaction survey is not this command's
    kpi.loc[provider & kpi["nilai"].isna(), "keterangan"] = scores.unreadable or provider_scores.no_value_reason(scores)
    kpi["sumber_nilai"] = pd.Series([provider_scores.kpi_value(scores.scored)["sumber_nilai"]] * len(kpi),
                                    index=kpi.index).where(provider, None)
    dated = processes.data_date(pk, period.year)
    scopes = {i.kode: indicators.area_scope(i, params.area_strategis) for i in params.indikator}
    if args.json:
        print(json.dumps([_kpi_record(r, scopes[r["kode"]], period) for _, r in kpi.iterrows()],
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Realisasi indikator — {params.ukpbj.singkatan}, {period.nama}")
    print(register_quality.data_date_line(period, dated))
    for _, r in kpi.iterrows():
        extra = (f"  [{fmt.angka(r['pembilang'], 2)} / {fmt.angka(r['penyebut'], 2)}; "
                 f"{_counted(r)}]" if r["jumlah_proses"] else f"  [{_why(r)}]")
        status = f"  {r['status']} (target {fmt.nilai(r['target'], r['satuan'])})" if pd.notna(r["nilai"]) else ""
        print(_row(r["kode"], r["nama"], fmt.nilai(r["nilai"], r["satuan"]), 48, extra + status))
        if isinstance(r["pendamping_ukuran"], str) and r["jumlah_proses"]:
            label = MEASURES[r["pendamping_ukuran"]].label
            print(_row("", label, fmt.nilai(r["pendamping_nilai"], r["satuan"]), 46, indent=2))
        for note in (r["catatan_kewajaran"], r["catatan_hitung"], r["catatan"] if r["sumber_nilai"] and r["jumlah_proses"]
                     else ""):
            if note:
                print(f"{'':<8}   {note}")
        if scopes[r["kode"]] is not None:
            print(f"{'':<8}   cakupan area {r['area']}: {planning.cakupan_teks(scopes[r['kode']])}")
    for q in range(1, 5):  # the quarters of the period that end after the data date
        note = incomplete_note(Period(period.year, q), dated, f"TW {report.TRIWULAN[q - 1]}")
        if note and (period.quarter is None or q <= period.quarter):
            print(f"Catatan: {note}.")
    return EXIT_OK


def _row(code: str, label: str, value: str, width: int, extra: str = "", indent: int = 0) -> str:
    """One indicator line: the code, the label wrapped at word boundaries into `width` columns
    (never cut mid-word; further lines below it), the value right-aligned on the first line."""
    lines = textwrap.wrap(label, width) or [""]
    lead = f"{code:<8} " + " " * indent
    first = f"{lead}{lines[0]:<{width}} {value:>16}{extra}"
    return "\n".join([first, *(" " * len(lead) + line for line in lines[1:])])


def _why(r) -> str:
    """Why a row has no value: 'Belum ada data: unduh …' for a register KPI, else its note."""
    return f"{missing.NO_DATA}: {r['keterangan']}" if r["keterangan"] else r["catatan"]


def _counted(r) -> str:
    if MEASURES[r["ukuran"]].basis == "proses":
        return f"{fmt.angka(r['jumlah_proses'])} proses, {fmt.angka(r['jumlah_paket'])} paket"
    return f"{fmt.angka(r['jumlah_paket'])} paket"


# Keys added to each record since the first release; the first ones (see _kpi_record) are a
# contract and never renamed.
_ADDED = ["target", "status", "keterangan", "jumlah_berlangsung", "jumlah_dibatalkan",
          "jumlah_tanpa_nilai", "nilai_tanpa_nilai", "nilai_tanpa_ditandai", "jumlah_ditandai",
          "status_tanpa_ditandai", "catatan_hitung", "catatan_kewajaran", "sumber_nilai", "dasar_kecil"]


def _count(value):
    """A count as a whole number (the engine sums counts as floats); missing stays None."""
    return int(value) if isinstance(value, float) else value


def _kpi_record(r, cakupan=None, period: Period | None = None) -> dict:
    """One indicator of `kinerja kpi --json`; `cakupan` (indicators.area_scope) is the area's
    restriction the value was counted with, null when none applies. Besides the first keys: the
    status against the target, why a value is missing, what the value leaves out (running,
    cancelled, without a declared value), the value and status without the rows plausibility
    flags, and the data date (`tanggal_data`, `data_per`, `periode_belum_lengkap`)."""

    keys = ["kode", "nama", "nilai", "satuan", "pembilang", "penyebut", "jumlah_paket",
            "jumlah_proses", "polaritas", "area", "ukuran", "catatan"]
    out = {k: python_value(r[k]) for k in keys}
    measure = MEASURES[r["ukuran"]]
    out["sumber"] = list(measure.sumber)
    out["cakupan"] = cakupan.model_dump() if cakupan is not None else None
    if isinstance(r["pendamping_ukuran"], str):
        out["pendamping"] = {"ukuran": r["pendamping_ukuran"],
                             "label": MEASURES[r["pendamping_ukuran"]].label,
                             "nilai": python_value(r["pendamping_nilai"]),
                             "pembilang": python_value(r["pendamping_pembilang"]),
                             "penyebut": python_value(r["pendamping_penyebut"])}
    out.update({k: _count(python_value(r[k])) if k.startswith("jumlah_") else python_value(r[k])
                for k in _ADDED if k in r})
    out["basis"] = measure.basis
    out["definisi"] = measure.printed
    dated = r.get("tanggal_data")
    dated = None if dated is None or pd.isna(dated) else pd.Timestamp(dated)
    out["tanggal_data"] = dated.date().isoformat() if dated is not None else None
    out["data_per"] = data_per(dated)
    out["periode_belum_lengkap"] = incomplete_note(period, dated) if period is not None else ""
    return out


def cmd_whatif(args) -> int:
    """Serve notebooks/whatif_target.ipynb with Voilà on 127.0.0.1 (code hidden)."""
    import os
    import subprocess


    params_file = Path(args.params).resolve() if args.params else paths.DEFAULT_PARAMS
    params = config.load(params_file)  # a wrong file: one message here, not in the page
    period = Period.parse(args.period or params.tahun)
    notebook = paths.NOTEBOOKS / "whatif_target.ipynb"
    # The page's template (lib/kinerja/share/voila/templates/kinerja) loads nothing from a CDN.
    share = Path(__file__).resolve().parents[1] / "share"
    env = dict(os.environ, KINERJA_WHATIF_PARAMS=str(params_file),
               KINERJA_WHATIF_PERIODE=period.label, KINERJA_ROOT=str(paths.ROOT),
               JUPYTER_PATH=os.pathsep.join(filter(None, [str(share), os.environ.get("JUPYTER_PATH")])))
    if args.store:
        env["KINERJA_WHATIF_STORE"] = str(Path(args.store).resolve())
    command = [sys.executable, "-m", "voila", str(notebook), f"--port={args.port}",
               "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", "--no-browser",
               "--strip_sources=True", "--theme=light", "--template=kinerja",
               "--preheat_kernel=True"]
    print(f"Simulasi target ({params_file.name}, {period.nama}) di http://127.0.0.1:{args.port}/ "
          f"— hentikan dengan Ctrl+C.", flush=True)
    try:
        code = subprocess.call(command, cwd=paths.ROOT, env=env)
    except KeyboardInterrupt:
        return EXIT_OK
    if code not in (0, -2, 130):
        raise UserError(f"Voilà berhenti dengan kode {code} (port {args.port} mungkin sudah "
                        f"dipakai: coba --port lain).")
    return EXIT_OK
