"""The `kinerja` commands that bring data in or set a UKPBJ up: `register` (load LKPP register
exports into the store) and `init` (a new parameter file from the store). `demo-data` is in
`cli`, the only module that reaches the demo code."""

from __future__ import annotations

import json

from kinerja.apps import init_params
from kinerja.apps.cli_common import EXIT_ERROR, EXIT_OK, EXIT_REJECTED, UserError, print_rejections, store_location
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
            if r.status in ("error", "rejected"):
                print(f"✗ {r.message}")
            elif r.status in ("empty", "outside"):
                print(f"– {r.message}")
            else:
                _print_loaded(r)
    if any(r.status == "error" for r in results):
        return EXIT_ERROR
    refused = any(r.status == "rejected" or (r.rows_rejected and r.status == "loaded") for r in results)
    return EXIT_REJECTED if refused else EXIT_OK


def _print_loaded(r) -> None:
    state = "tidak berubah (sudah dimuat)" if r.status == "unchanged" else "dimuat"
    label = BY_KIND[r.dataset].label if r.dataset in BY_KIND else r.dataset
    print(f"✓ {r.file} [{label}] {state}: dibaca {r.rows_read}, dimuat {r.rows_loaded}, "
          f"ditolak {r.rows_rejected}")
    print_rejections(r.rejections)


def cmd_init(args) -> int:
    """A new parameter file for one K/L/PD and year from the store (kinerja.apps.init_params)."""

    try:
        result = init_params.create(args.out, args.klpd, args.tahun, store_location(args),
                                    args.register)
    except init_params.InitError as exc:
        raise UserError(str(exc)) from None
    print("\n".join(init_params.summary(result)))
    return EXIT_OK
