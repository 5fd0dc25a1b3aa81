"""The `kinerja` command. Every error reaches the user as one Indonesian message, never a
traceback; exit codes: 0 ok, 1 some rows rejected, 2 unusable input or failed stage."""

from __future__ import annotations

import argparse
import json
import math
import sys
import traceback
from pathlib import Path

from kinerja import config, paths

EXIT_OK, EXIT_REJECTED, EXIT_ERROR = 0, 1, 2


class UserError(Exception):
    """Anything the user must fix; printed as is."""


def _clean(value):
    """JSON-safe: NaN -> null, numpy scalars -> Python."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _store(args, params: config.Parameters | None = None) -> Path:
    if args.store:
        return Path(args.store).resolve()
    return params.store_path if params else paths.DEFAULT_STORE


def cmd_demo_data(args) -> int:
    from kinerja import demo, fmt

    files = demo.generate(Path(args.out), year=args.year, packages=args.packages, seed=args.seed)
    print(f"Data demo ditulis ke {args.out}: {len(files)} berkas (tahun {args.year - 1} dan "
          f"{args.year}, ±{fmt.angka(args.packages)} paket per tahun).")
    if args.store:  # optional: load the demo register straight into a store
        args.files, args.json = [args.out], False
        return cmd_register(args)
    return EXIT_OK


def cmd_register(args) -> int:
    from kinerja import register, store

    con = store.connect(_store(args))
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
            if r.status == "error":
                print(f"✗ {r.message}")
                continue
            state = "tidak berubah (sudah dimuat)" if r.status == "unchanged" else "dimuat"
            print(f"✓ {r.file} [{r.dataset}] {state}: dibaca {r.rows_read}, dimuat {r.rows_loaded}, "
                  f"ditolak {r.rows_rejected}")
            for rej in r.rejections.head(20).itertuples():
                print(f"    baris {rej.row}, kolom {rej.column}: {rej.reason} (nilai: '{rej.value}')")
            if len(r.rejections) > 20:
                print(f"    … dan {len(r.rejections) - 20} penolakan lain")
    if any(r.status == "error" for r in results):
        return EXIT_ERROR
    return EXIT_REJECTED if any(r.rows_rejected and r.status == "loaded" for r in results) else EXIT_OK


def cmd_kpi(args) -> int:
    from kinerja import fmt, indicators, packages, store
    from kinerja.periods import Period

    params = config.load(args.params)
    period = Period.parse(args.period)
    db = _store(args, params)
    try:
        con = store.connect(db, read_only=True)
    except FileNotFoundError as exc:
        raise UserError(str(exc)) from None
    try:
        pk = packages.load_packages(con, params.metode.metode_dalam_lingkup)
    finally:
        con.close()
    kpi = indicators.realisation(pk, params.indikator, period,
                                 scope=params.metode.metode_dalam_lingkup)
    if args.json:
        keys = ["kode", "nama", "nilai", "satuan", "pembilang", "penyebut", "jumlah_paket",
                "polaritas", "area", "ukuran", "catatan"]
        print(json.dumps([{k: _clean(r[k]) for k in keys} for _, r in kpi.iterrows()],
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Realisasi indikator — {params.ukpbj.singkatan}, {period.nama}")
    for _, r in kpi.iterrows():
        extra = (f"  [{fmt.angka(r['pembilang'], 2)} / {fmt.angka(r['penyebut'], 2)}; "
                 f"{r['jumlah_paket']} paket]" if r["jumlah_paket"] else f"  [{r['catatan']}]")
        print(f"{r['kode']:<8} {r['nama'][:48]:<48} {fmt.nilai(r['nilai'], r['satuan']):>16}{extra}")
    return EXIT_OK


def cmd_run(args) -> int:
    from kinerja import batch

    out = batch.run(Path(args.params), args.period, Path(args.store).resolve() if args.store else None,
                    Path(args.out).resolve() if args.out else None, progress=not args.no_progress)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    print(f"Selesai dalam {manifest['seconds_total']:.1f} detik. Keluaran: {out}")
    for a in manifest["artifacts"]:
        print(f"  {a['format']:<4} {a['path']}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kinerja", description="Kinerja PBJ — buku kerja "
                                     "pengelolaan kinerja pengadaan barang/jasa UKPBJ.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")

    def store_opt(p):
        p.add_argument("--store", metavar="PATH", help="berkas basis data DuckDB "
                       "(bawaan: dari berkas parameter, atau data/kinerja.duckdb)")

    p = sub.add_parser("demo-data", help="buat data demo register paket (dua tahun anggaran)")
    p.add_argument("--year", type=int, default=2024)
    p.add_argument("--packages", type=int, default=1500, help="jumlah paket per tahun")
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--store", metavar="PATH", help="bila diberikan, data demo langsung dimuat ke "
                   "basis data ini")
    p.set_defaults(func=cmd_demo_data)

    p = sub.add_parser("register", help="muat ekspor register paket (JSON, CSV, xlsx)")
    store_opt(p)
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.add_argument("files", nargs="+", metavar="FILE", help="berkas atau folder")
    p.set_defaults(func=cmd_register)

    p = sub.add_parser("kpi", help="realisasi indikator untuk satu periode")
    p.add_argument("--params", required=True, metavar="FILE")
    p.add_argument("--period", required=True, help="2024 atau 2024-TW1 … 2024-TW4")
    p.add_argument("--json", action="store_true")
    store_opt(p)
    p.set_defaults(func=cmd_kpi)

    p = sub.add_parser("run", help="jalankan semua tahap (papermill) dan buat laporan")
    p.add_argument("--params", required=True, metavar="FILE")
    p.add_argument("--period", help="2024 atau 2024-TW1 … 2024-TW4 (bawaan: tahun parameter)")
    p.add_argument("--out", metavar="DIR", help="folder keluaran (bawaan: outputs/<tahun>/<periode>)")
    p.add_argument("--no-progress", action="store_true", help="tanpa bilah kemajuan")
    store_opt(p)
    p.set_defaults(func=cmd_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from kinerja.batch import StageError
    from kinerja.register import RegisterFileError

    try:
        return args.func(args)
    except (UserError, config.ParameterError, RegisterFileError, StageError, ValueError) as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("Dihentikan oleh pengguna.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug still gets a readable message
        log = paths.OUTPUTS / "kinerja-galat.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(traceback.format_exc(), encoding="utf-8")
        print(f"Galat tak terduga ({exc.__class__.__name__}: {exc}). Rincian teknis: {log}",
              file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
