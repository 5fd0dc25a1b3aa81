"""The `kinerja` indicator commands: `kpi` (the indicators' realisation for a period, as text or
JSON) and `whatif` (the target simulation served with Voilà)."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

from kinerja.apps.cli_common import EXIT_OK, UserError, parameter_packages
from kinerja.core import config, fmt, paths
from kinerja.core.frames import python_value
from kinerja.core.periods import Period
from kinerja.methods import indicators, planning


def cmd_kpi(args) -> int:
    params = config.load(args.params)
    period = Period.parse(args.period)
    pk = parameter_packages(args, params)
    kpi = indicators.realisation(pk, params.indikator, period,
                                 scope=params.metode.metode_dalam_lingkup, areas=params.area_strategis)
    scopes = {i.kode: indicators.area_scope(i, params.area_strategis) for i in params.indikator}
    if args.json:
        print(json.dumps([_kpi_record(r, scopes[r["kode"]]) for _, r in kpi.iterrows()],
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Realisasi indikator — {params.ukpbj.singkatan}, {period.nama}")
    for _, r in kpi.iterrows():
        extra = (f"  [{fmt.angka(r['pembilang'], 2)} / {fmt.angka(r['penyebut'], 2)}; "
                 f"{_counted(r)}]" if r["jumlah_proses"] else f"  [{r['catatan']}]")
        print(_row(r["kode"], r["nama"], fmt.nilai(r["nilai"], r["satuan"]), 48, extra))
        if isinstance(r["pendamping_ukuran"], str) and r["jumlah_proses"]:
            label = indicators.COMPANION_LABEL[r["pendamping_ukuran"]]
            print(_row("", label, fmt.nilai(r["pendamping_nilai"], r["satuan"]), 46, indent=2))
        if scopes[r["kode"]] is not None:
            print(f"{'':<8}   cakupan area {r['area']}: {planning.cakupan_teks(scopes[r['kode']])}")
    return EXIT_OK


def _row(code: str, label: str, value: str, width: int, extra: str = "", indent: int = 0) -> str:
    """One indicator line: the code, the label wrapped at word boundaries into `width` columns
    (never cut mid-word; further lines below it), the value right-aligned on the first line."""
    lines = textwrap.wrap(label, width) or [""]
    lead = f"{code:<8} " + " " * indent
    first = f"{lead}{lines[0]:<{width}} {value:>16}{extra}"
    return "\n".join([first, *(" " * len(lead) + line for line in lines[1:])])


def _counted(r) -> str:
    if indicators.MEASURES[r["ukuran"]].hitungan == "proses":
        return f"{fmt.angka(r['jumlah_proses'])} proses, {fmt.angka(r['jumlah_paket'])} paket"
    return f"{fmt.angka(r['jumlah_paket'])} paket"


def _kpi_record(r, cakupan=None) -> dict:
    """One indicator of `kinerja kpi --json`; `cakupan` (indicators.area_scope) is the area's
    restriction the value was counted with, null when none applies."""

    keys = ["kode", "nama", "nilai", "satuan", "pembilang", "penyebut", "jumlah_paket",
            "jumlah_proses", "polaritas", "area", "ukuran", "catatan"]
    out = {k: python_value(r[k]) for k in keys}
    measure = indicators.MEASURES[r["ukuran"]]
    out["sumber"] = list(measure.sumber)
    out["cakupan"] = cakupan.model_dump() if cakupan is not None else None
    if isinstance(r["pendamping_ukuran"], str):
        out["pendamping"] = {"ukuran": r["pendamping_ukuran"],
                             "label": indicators.COMPANION_LABEL[r["pendamping_ukuran"]],
                             "nilai": python_value(r["pendamping_nilai"]),
                             "pembilang": python_value(r["pendamping_pembilang"]),
                             "penyebut": python_value(r["pendamping_penyebut"])}
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
