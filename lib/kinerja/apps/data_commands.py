"""The `kinerja` commands that bring data in or set a UKPBJ up: `register` (load LKPP register
exports into the store) and `init` (a new parameter file from the store). `demo-data` is in
`cli`, the only module that reaches the demo code."""

from __future__ import annotations

import json

from kinerja.apps import init_params
from kinerja.apps.cli_common import EXIT_ERROR, EXIT_OK, EXIT_REJECTED, UserError, print_flags, store_location
from kinerja.core import fmt
from kinerja.inputs import register, store
from kinerja.inputs.schemas import BY_KIND


def cmd_register(args) -> int:
    con = store.connect(store_location(args))
    try:
        results = register.load(con, args.files)
    finally:
        con.close()
    if not results:
        raise UserError("Tidak ada berkas register yang ditemukan pada lokasi yang diberikan.")
    if args.json:
        print(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2, default=str))
    else:
        for r in results:
            print_result(r)
    return exit_code(results)


def exit_code(results) -> int:
    """2 when a file is unreadable, 1 when one is refused (its columns are not the dataset its
    name declares, a required column is absent, its fields match no dataset, a download is
    incomplete); 0 otherwise — loaded (flagged values included), empty, outside the SOP,
    unknown by name, or a copy of a loaded file."""
    if any(r.status == "error" for r in results):
        return EXIT_ERROR
    return EXIT_REJECTED if any(r.status == "rejected" for r in results) else EXIT_OK


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
