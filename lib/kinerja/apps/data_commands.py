"""The `kinerja` commands that bring data in or set a UKPBJ up: `unduh` (download one K/L/PD-year
from the INAPROC API Gateway), `register` (load LKPP register exports into the store) and
`init` (a new parameter file from the store). `demo-data` is in `cli`, the only module that
reaches the demo code."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from kinerja.apps import init_params
from kinerja.apps.cli_common import EXIT_ERROR, EXIT_OK, EXIT_REJECTED, UserError, print_flags, store_location
from kinerja.core import fmt, paths
from kinerja.inputs import download, gateway, register, store
from kinerja.inputs.schemas import BY_KIND


def cmd_register(args) -> int:
    results = _load(args, args.files)
    if args.json:
        print(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2, default=str))
    else:
        _print_results(results)
    return exit_code(results)


def _load(args, files) -> list[register.LoadResult]:
    con = store.connect(store_location(args))
    try:
        results = register.load(con, files)
    finally:
        con.close()
    if not results:
        raise UserError("Tidak ada berkas register yang ditemukan pada lokasi yang diberikan.")
    return results


def _print_results(results: list[register.LoadResult]) -> None:
    for r in results:
        print_result(r)


def exit_code(results) -> int:
    """2 when a file is unreadable, 1 when one is refused (its columns are not the dataset its
    name declares, a required column is absent, its fields match no dataset, a download is
    incomplete); 0 otherwise — loaded (flagged values included), empty, outside the SOP,
    unknown by name, or a copy of a loaded file."""
    if any(r.status == "error" for r in results):
        return EXIT_ERROR
    return EXIT_REJECTED if any(r.status == "rejected" for r in results) else EXIT_OK


def cmd_unduh(args) -> int:
    """Download one K/L/PD-year from the gateway (kinerja.inputs.download); `--register` then
    loads the folder into the store like `kinerja register FOLDER`. Progress on standard error,
    the summary on standard output; exit 0 complete, 1 incomplete, 2 token or input refused."""
    if not 2000 <= args.tahun <= 2100 or not args.klpd.strip().isalnum():
        raise UserError(f"--klpd {args.klpd} --tahun {args.tahun} tidak dikenali: tulis kode K/L/PD "
                        f"LKPP (mis. D107) dan tahun anggaran (mis. 2025).")
    folder = Path(args.out) if args.out else gateway.default_folder(paths.ROOT, args.klpd, args.tahun)
    try:
        token = download.read_token(os.environ, args.token_file)
        print(f"Mengunduh data {args.klpd.strip().upper()} tahun {args.tahun} dari "
              f"{download.check_address(args.alamat)} (API {args.api}) ke {folder}", file=sys.stderr)
        outcome = download.download(folder, args.klpd, args.tahun, args.api, args.alamat, token,
                                    progress=_progress_printer())
    except download.DownloadError as exc:
        raise UserError(str(exc)) from None
    status = outcome.exit_status
    loaded = _load(args, [outcome.folder]) if args.register and status != EXIT_ERROR else None
    if loaded is not None:
        status = max(status, exit_code(loaded))
    if args.json:
        report = download.summary(outcome) | {"exit_status": status}
        if loaded is not None:
            report["register"] = [r.as_dict() for r in loaded]
        print(json.dumps(report, ensure_ascii=False, indent=2, default=str))
    else:
        print("\n".join(download.summary_lines(outcome)))
        if loaded is not None:
            _print_results(loaded)
    if outcome.refused:
        print(f"Galat: {download.refused_line(outcome)}", file=sys.stderr)
    return status


def _progress_printer():
    """One line per dataset on standard error, rewritten in place on a terminal."""
    tty = sys.stderr.isatty()

    def show(line: str, final: bool) -> None:
        if tty:
            print(f"\r{line}\033[K", end="\n" if final else "", file=sys.stderr, flush=True)
        elif final:
            print(line, file=sys.stderr, flush=True)
    return show


def _name(r) -> str:
    return f"{r.file} ({r.pages} halaman)" if r.pages else r.file


def print_result(r) -> None:
    """One line per source; a loaded one's flagged values below it."""
    if r.status in ("error", "rejected"):
        print(f"✗ {r.message}")
        return
    if r.status not in ("loaded", "unchanged"):
        print(f"– {r.message.replace(r.file, _name(r), 1) if r.pages else r.message}")
        return
    state = "tidak berubah (sudah dimuat)" if r.status == "unchanged" else "dimuat"
    label = BY_KIND[r.dataset].label if r.dataset in BY_KIND else r.dataset
    also = f"; {r.message}" if r.status == "loaded" and r.message else ""
    when = f" · data per {fmt.tanggal(r.data_date)}" if r.data_date is not None else ""
    print(f"✓ {_name(r)} [{label}] {state}: dibaca {r.rows_read}, dimuat {r.rows_loaded}, "
          f"ditandai {r.rows_flagged}{also}{when}")
    if r.stale:
        print(f"    Perhatian: {r.stale}")
    print_flags(r.flags, r.file)


def cmd_init(args) -> int:
    """A new parameter file for one K/L/PD and year from the store (kinerja.apps.init_params)."""

    try:
        result = init_params.create(args.out, args.klpd, args.tahun, store_location(args),
                                    args.register)
    except init_params.InitError as exc:
        raise UserError(str(exc)) from None
    print("\n".join(init_params.summary(result)))
    return EXIT_OK
