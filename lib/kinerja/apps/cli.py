"""The `kinerja` command. Every error reaches the user as one Indonesian message, never a
traceback; exit codes: 0 ok, 1 some rows rejected, 2 unusable input or failed stage. The commands
are in data_commands (register, init), survey_commands (penyedia, ikm, forms, intake) and
indicator_commands (kpi, whatif); demo-data, run and run-many are here."""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import traceback
from pathlib import Path

from kinerja.apps.cli_common import EXIT_ERROR, EXIT_OK, EXIT_REJECTED, UserError
from kinerja.apps.data_commands import cmd_init, cmd_register, cmd_unduh
from kinerja.apps.indicator_commands import cmd_kpi, cmd_whatif
from kinerja.apps.survey_commands import cmd_forms, cmd_ikm, cmd_intake, cmd_penyedia
from kinerja.core import config, fmt, paths
from kinerja.demo import generate as demo
from kinerja.inputs import gateway, register
from kinerja.inputs.register import RegisterFileError
from kinerja.inputs.store_lock import StoreBusy
from kinerja.pipeline import batch, many
from kinerja.pipeline.batch import StageError


def cmd_demo_data(args) -> int:
    files = demo.generate(Path(args.out), year=args.year, packages=args.packages, seed=args.seed)
    print(f"Data demo ditulis ke {args.out}: {len(files)} berkas register (tahun {args.year - 1} "
          f"dan {args.year}, ±{fmt.angka(args.packages)} paket per tahun).")
    params = _demo_params(args)
    surveys = demo.generate_surveys(Path(args.out), year=args.year, seed=args.seed, params=params)
    forms = [f for f in surveys if f.suffix == ".xlsx"]
    print(f"Data survei demo: {len(surveys) - len(forms)} berkas rekap di {Path(args.out) / 'survei'}"
          + (f", {len(forms)} formulir Survei Teknis terisi di {Path(args.out) / 'formulir'}."
             if params else " (formulir Survei Teknis tidak dibuat: berikan --params)."))
    if args.store:  # optional: load the demo register straight into a store
        args.files, args.json = [args.out], False
        return cmd_register(args)
    return EXIT_OK


def _demo_params(args) -> config.Parameters | None:
    """The parameter file the demo forms are written for (indicators, deadline day): --params,
    else the shipped Kalimantan Timur file; its year must be the demo year."""
    path = Path(args.params) if args.params else paths.DEFAULT_PARAMS
    if not path.exists():
        return None
    params = config.load(path)
    if params.tahun != args.year:
        if args.params:
            raise UserError(f"Berkas parameter {path.name} untuk tahun {params.tahun}, sedangkan "
                            f"data demo untuk tahun {args.year}: samakan tahunnya.")
        return params.model_copy(update={"tahun": args.year})
    return params


def cmd_run(args) -> int:
    options = batch.Options(pdf=args.pdf, formulir=args.formulir)
    try:
        out = batch.run(Path(args.params), args.period, Path(args.store).resolve() if args.store else None,
                        Path(args.out).resolve() if args.out else None, progress=not args.no_progress,
                        force=args.force, options=options, draft=args.draf)
    except register.RegisterFileError as exc:
        if Path(args.params).resolve() == paths.DEFAULT_PARAMS.resolve():  # the shipped demo file
            raise register.RegisterFileError(f"{exc} Data demo dibuat dengan `make demo`.") from None
        raise
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    print(f"Selesai dalam {manifest['seconds_total']:.1f} detik. Keluaran: {out}")
    for line in _stage_lines(manifest["stages"]):
        print(line)
    for code, items in itertools.groupby(manifest["artifacts"], key=lambda a: a["format"]):
        items = list(items)
        label = code or "–"
        if code and len(items) > 3:  # the next period's forms: one per respondent
            folders = sorted({str(Path(a["path"]).parent) for a in items})
            print(f"  {label:<4} {len(items)} berkas di {', '.join(f + '/' for f in folders)}")
        else:
            for a in items:
                print(f"  {label:<4} {a['path']}")
    return EXIT_OK


def _stage_lines(entries: list[dict]) -> list[str]:
    """Which stages ran and why, which were reused (nothing they depend on changed)."""
    reused = [e["notebook"] for e in entries if e["reused"]]
    lines = [f"Dijalankan: {e['notebook']} ({'; '.join(e['why'])})" for e in entries if not e["reused"]]
    if reused:
        lines.append(f"Dipakai ulang (tidak ada yang berubah): {', '.join(reused)}")
    return lines


def cmd_run_many(args) -> int:
    files = many.expand(args.params)  # a missing file is listed as failed by the plan
    if not files:
        raise UserError("Tidak ada berkas parameter (*.yaml) pada lokasi yang diberikan.")
    if args.workers is not None and args.workers < 1:
        raise UserError("--workers harus 1 atau lebih.")
    where = (f"klaster Dask {args.scheduler}" if args.scheduler else
             f"kumpulan proses lokal, {args.workers or many.default_workers()} pekerja")
    if not args.json:
        print(f"Menjalankan {len(files)} berkas parameter ({where})…", flush=True)

    def show(o):
        if args.json:
            return
        if o.status == many.OK:
            print(f"✓ {o.params}: berhasil dalam {fmt.angka(o.seconds, 1)} detik → {o.output}",
                  flush=True)
        else:
            print(f"✗ {o.params}: gagal — {o.message}", flush=True)

    try:
        outcomes = many.run_many(files, args.period, Path(args.out).resolve() if args.out else None,
                                 scheduler=args.scheduler, workers=args.workers, done=show, draft=args.draf)
    except ConnectionError as exc:
        raise UserError(str(exc)) from None
    failed = sum(o.status != many.OK for o in outcomes)
    if args.json:
        print(json.dumps([o.as_dict() for o in outcomes], ensure_ascii=False, indent=2))
    else:
        print(f"\nRingkasan: {fmt.angka(len(outcomes) - failed)} berhasil, {fmt.angka(failed)} gagal "
              f"dari {fmt.angka(len(outcomes))} berkas parameter.")
        for o in outcomes:
            state = "berhasil" if o.status == many.OK else "gagal   "
            print(f"  {state}  {o.params}" + (f"  → {o.output}" if o.output else ""))
    return EXIT_REJECTED if failed else EXIT_OK


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
    p.add_argument("--params", metavar="FILE", help="berkas parameter untuk formulir Survei "
                   "Teknis demo (bawaan: parameters/kaltim-2024.yaml)")
    p.add_argument("--store", metavar="PATH", help="bila diberikan, data demo langsung dimuat ke "
                   "basis data ini")
    p.set_defaults(func=cmd_demo_data)

    p = sub.add_parser("unduh", help="unduh data paket satu K/L/PD dan tahun dari API Gateway "
                       "INAPROC (data.inaproc.id); token dari INAPROC_TOKEN atau --token-file")
    p.add_argument("--klpd", required=True, metavar="KODE", help="kode K/L/PD LKPP, mis. D107")
    p.add_argument("--tahun", required=True, type=int, metavar="TAHUN", help="tahun anggaran")
    p.add_argument("--out", metavar="FOLDER", help="folder unduhan (bawaan: data/unduhan/KODE-TAHUN)")
    p.add_argument("--api", choices=gateway.APIS, default="v1", help="API v1 (bawaan) atau Legacy ISB API")
    p.add_argument("--alamat", default=gateway.BASE_URL, metavar="URL",
                   help=f"alamat dasar gateway (bawaan: {gateway.BASE_URL})")
    p.add_argument("--json", action="store_true", help="ringkasan JSON")
    p.add_argument("--register", action="store_true", help="sesudah mengunduh, muat folder ke basis "
                   "data (seperti kinerja register FOLDER)")
    store_opt(p)
    p.add_argument("--token-file", metavar="FILE", help="berkas berisi token (bawaan: variabel "
                   "lingkungan INAPROC_TOKEN)")
    p.set_defaults(func=cmd_unduh)

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

    p = sub.add_parser("penyedia", help="nilai kinerja penyedia per paket dan per penyedia dari "
                       "berkas penilaian PPK (CSV/xlsx)")
    p.add_argument("file", metavar="FILE", help="kolom: kode_paket, kd_penyedia, kualitas, biaya, "
                   "waktu, layanan, dan (opsional) putus_kontrak")
    p.add_argument("--params", metavar="FILE", help="berkas parameter untuk bobot dan batas "
                   "kategori (bawaan: nilai nasional)")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_penyedia)

    p = sub.add_parser("ikm", help="Indeks Kepuasan Masyarakat (PermenPANRB 14/2017) dari "
                       "berkas jawaban survei (CSV/xlsx)")
    p.add_argument("file", metavar="FILE", help="kolom U1 … U9 berisi jawaban 1–4 (kosong = "
                   "tidak dijawab; kolom lain diabaikan), atau formulir F12/F13 yang terisi")
    p.add_argument("--bobot", choices=["1/n", "0,11", "0.11"], help="bobot tiap unsur: 1/n "
                   "tepat, atau 0,11 angka cetak peraturan (bawaan: dari --params, atau 1/n)")
    p.add_argument("--params", metavar="FILE", help="berkas parameter untuk bobot dan batas mutu "
                   "(bawaan: nilai nasional)")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.set_defaults(func=cmd_ikm)

    p = sub.add_parser("forms", help="formulir Survei Teknis kosong per responden (F4, F5, F8) "
                       "untuk satu triwulan")
    p.add_argument("--params", required=True, metavar="FILE")
    p.add_argument("--period", required=True, help="2024-TW1 … 2024-TW4")
    p.add_argument("--out", required=True, metavar="DIR")
    store_opt(p)
    p.set_defaults(func=cmd_forms)

    p = sub.add_parser("intake", help="terima formulir yang sudah diisi (xlsx; Survei Teknis "
                       "F4/F5/F8 dan Survei Kepuasan F12/F13): periksa, simpan, tolak baris yang "
                       "salah")
    p.add_argument("--params", required=True, metavar="FILE")
    p.add_argument("--json", action="store_true", help="keluaran JSON")
    p.add_argument("--out", metavar="DIR", help="folder dasar daftar penolakan "
                   "<DIR>/<tahun>/<periode>/penolakan_intake.xlsx (bawaan: outputs)")
    store_opt(p)
    p.add_argument("files", nargs="+", metavar="FILE_OR_DIR", help="berkas atau folder (beserta "
                   "subfoldernya)")
    p.set_defaults(func=cmd_intake)

    p = sub.add_parser("run", help="jalankan semua tahap (papermill) dan buat laporan")
    p.add_argument("--params", required=True, metavar="FILE")
    p.add_argument("--period", help="2024 atau 2024-TW1 … 2024-TW4 (bawaan: tahun parameter)")
    p.add_argument("--out", metavar="DIR", help="folder keluaran (bawaan: outputs/<nama berkas parameter>/<periode>)")
    p.add_argument("--no-progress", action="store_true", help="tanpa bilah kemajuan")
    p.add_argument("--force", action="store_true", help="jalankan ulang semua tahap, juga yang "
                   "tidak berubah sejak jalannya terakhir")
    p.add_argument("--pdf", action="store_true", help="PDF untuk laporan setiap tahap (bawaan: "
                   "hanya Format 3 dan Format 15)")
    p.add_argument("--formulir", action="store_true", help="juga formulir kosong Survei Teknis "
                   "triwulan berikutnya (F4, F5, F8 per responden)")
    p.add_argument("--draf", action="store_true", help="setiap halaman setiap dokumen bertanda "
                   "DRAF; berkas parameter yang masih memuat nilai '# ISI:' hanya dijalankan dengan "
                   "pilihan ini")
    store_opt(p)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("run-many", help="jalankan semua tahap untuk banyak UKPBJ/tahun (kumpulan "
                       "proses lokal, atau klaster Dask dengan --scheduler)")
    p.add_argument("params", nargs="+", metavar="PARAMS", help="berkas parameter atau folder "
                   "berisi *.yaml; setiap berkas memakai basis data (data.store) sendiri")
    p.add_argument("--period", help="2024 atau 2024-TW1 … 2024-TW4 (bawaan: tahun tiap parameter)")
    p.add_argument("--out", metavar="DIR", help="folder dasar keluaran: "
                   "<DIR>/<nama berkas parameter>/<tahun>/<periode> (bawaan: outputs)")
    p.add_argument("--workers", type=int, metavar="N", help="jumlah proses lokal (bawaan: satu "
                   "per dua inti prosesor)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="alamat penjadwal Dask distributed, "
                   "mis. tcp://10.0.0.5:8786 (pekerja harus melihat folder yang sama)")
    p.add_argument("--json", action="store_true", help="ringkasan JSON: per berkas params, status, "
                   "output, seconds, message")
    p.add_argument("--draf", action="store_true", help="seperti kinerja run --draf, untuk setiap "
                   "berkas parameter")
    p.set_defaults(func=cmd_run_many)

    p = sub.add_parser("whatif", help="simulasi target indikator (Voilà, http://127.0.0.1:PORT/)")
    p.add_argument("--params", metavar="FILE", help="berkas parameter (bawaan: "
                   "parameters/kaltim-2024.yaml); simpanan ditulis sebagai berkas baru di sebelahnya")
    p.add_argument("--period", help="periode awal: 2024 atau 2024-TW1 … 2024-TW4 (bawaan: tahun "
                   "parameter)")
    p.add_argument("--port", type=int, default=8866, help="port lokal (bawaan: 8866)")
    store_opt(p)
    p.set_defaults(func=cmd_whatif)

    p = sub.add_parser("init", help="buat berkas parameter baru untuk satu K/L/PD dan tahun dari "
                       "isi basis data (tidak pernah menimpa berkas)")
    p.add_argument("--klpd", required=True, metavar="KODE", help="kode K/L/PD LKPP, mis. D107")
    p.add_argument("--tahun", required=True, type=int, metavar="TAHUN", help="tahun anggaran")
    p.add_argument("--out", required=True, metavar="FILE", help="berkas parameter (.yaml) yang "
                   "dibuat; berkas yang sudah ada tidak ditimpa")
    p.add_argument("--register", nargs="+", metavar="FILE_ATAU_FOLDER", help="muat berkas/folder "
                   "unduhan LKPP ini dahulu dan catat di berkas parameter (bawaan: berkas yang "
                   "tercatat di basis data)")
    store_opt(p)
    p.set_defaults(func=cmd_init)
    return parser


EXIT_SIGPIPE = 141  # as a shell reports a command whose reader stopped (128 + SIGPIPE)


def _reader_gone() -> bool:
    """Whether standard output is the broken pipe (`kinerja run … | head` stopped reading):
    then the output is dropped quietly; any other broken pipe is an error like any other."""
    try:
        sys.stdout.flush()
        return False
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return True


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)

    try:
        return args.func(args)
    except (UserError, config.ParameterError, RegisterFileError, StageError, StoreBusy, ValueError) as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("Dihentikan oleh pengguna.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug still gets a readable message
        if isinstance(exc, BrokenPipeError) and _reader_gone():
            return EXIT_SIGPIPE
        log = paths.OUTPUTS / "kinerja-galat.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(traceback.format_exc(), encoding="utf-8")
        print(f"Galat tak terduga ({exc.__class__.__name__}: {exc}). Rincian teknis: {log}",
              file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    raise SystemExit(main())
