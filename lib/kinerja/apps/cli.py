"""The `kinerja` command. Every error reaches the user as one Indonesian message, never a
traceback; exit codes: 0 ok, 1 some rows rejected, 2 unusable input or failed stage."""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
import traceback
from pathlib import Path

from kinerja.apps import init_params
from kinerja.core import config, fmt, paths
from kinerja.core.periods import Period
from kinerja.demo import generate as demo
from kinerja.formulir import answers, intake, satisfaction_forms, submission_store, writer
from kinerja.inputs import packages, register, store
from kinerja.inputs.register import RegisterFileError
from kinerja.inputs.schemas import BY_KIND
from kinerja.methods import indicators, planning, providers
from kinerja.methods import satisfaction as sat
from kinerja.pipeline import batch, many
from kinerja.pipeline.batch import StageError

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


def cmd_register(args) -> int:
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
    for rej in r.rejections.head(20).itertuples():
        print(f"    baris {rej.row}, kolom {rej.column}: {rej.reason} (nilai: '{rej.value}')")
    if len(r.rejections) > 20:
        print(f"    … dan {len(r.rejections) - 20} penolakan lain")


def cmd_kpi(args) -> int:
    params = config.load(args.params)
    period = Period.parse(args.period)
    db = _store(args, params)
    try:
        con = store.connect(db, read_only=True)
    except FileNotFoundError as exc:
        raise UserError(str(exc)) from None
    try:
        pk = packages.for_params(con, params)
    finally:
        con.close()
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
        print(f"{r['kode']:<8} {r['nama'][:48]:<48} {fmt.nilai(r['nilai'], r['satuan']):>16}{extra}")
        if isinstance(r["pendamping_ukuran"], str) and r["jumlah_proses"]:
            label = indicators.COMPANION_LABEL[r["pendamping_ukuran"]]
            print(f"{'':<8}   {label[:46]:<46} {fmt.nilai(r['pendamping_nilai'], r['satuan']):>16}")
        if scopes[r["kode"]] is not None:
            print(f"{'':<8}   cakupan area {r['area']}: {planning.cakupan_teks(scopes[r['kode']])}")
    return EXIT_OK


def _counted(r) -> str:
    if indicators.MEASURES[r["ukuran"]].hitungan == "proses":
        return f"{fmt.angka(r['jumlah_proses'])} proses, {fmt.angka(r['jumlah_paket'])} paket"
    return f"{fmt.angka(r['jumlah_paket'])} paket"


def _kpi_record(r, cakupan=None) -> dict:
    """One indicator of `kinerja kpi --json`; `cakupan` (indicators.area_scope) is the area's
    restriction the value was counted with, null when none applies."""

    keys = ["kode", "nama", "nilai", "satuan", "pembilang", "penyebut", "jumlah_paket",
            "jumlah_proses", "polaritas", "area", "ukuran", "catatan"]
    out = {k: _clean(r[k]) for k in keys}
    measure = indicators.MEASURES[r["ukuran"]]
    out["sumber"] = list(measure.sumber)
    out["cakupan"] = cakupan.model_dump() if cakupan is not None else None
    if isinstance(r["pendamping_ukuran"], str):
        out["pendamping"] = {"ukuran": r["pendamping_ukuran"],
                             "label": indicators.COMPANION_LABEL[r["pendamping_ukuran"]],
                             "nilai": _clean(r["pendamping_nilai"]),
                             "pembilang": _clean(r["pendamping_pembilang"]),
                             "penyebut": _clean(r["pendamping_penyebut"])}
    return out


def cmd_penyedia(args) -> int:
    metode = config.load(args.params).metode if args.params else config.Metode()
    scored = providers.score(providers.read_file(Path(args.file)), metode.bobot_penyedia,
                             metode.kategori_penyedia)
    recap = providers.provider_recap(scored, metode.kategori_penyedia)
    if args.json:
        paket = [{"kode_paket": r.kode_paket, "kd_penyedia": r.kd_penyedia, "nilai": r.nilai,
                  "kategori": r.kategori} for r in scored.itertuples()]
        penyedia = [{"kd_penyedia": r.kd_penyedia, "jumlah_paket": int(r.jumlah_paket),
                     "nilai": r.nilai, "kategori": r.kategori} for r in recap.itertuples()]
        print(json.dumps({"paket": paket, "penyedia": penyedia}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Penilaian kinerja penyedia — {Path(args.file).name}")
    print("\n".join(providers.method_note(metode)))
    print(f"\nPer paket ({fmt.angka(len(scored))} paket)")
    print(f"{'Baris':>6}  {'Kode paket':<20} {'Kode penyedia':<16} {'Nilai':>6}  Kategori")
    for r in scored.itertuples():
        note = " (kontrak diputus)" if r.putus_kontrak else ""
        print(f"{r.baris:>6}  {r.kode_paket:<20} {r.kd_penyedia:<16} {fmt.angka(r.nilai, 2):>6}  "
              f"{r.kategori}{note}")
    print(f"\nPer penyedia ({fmt.angka(len(recap))} penyedia; nilai = rata-rata nilai paket)")
    print(f"{'Kode penyedia':<16} {'Jumlah paket':>12} {'Nilai':>6}  Kategori")
    for r in recap.itertuples():
        print(f"{r.kd_penyedia:<16} {fmt.angka(r.jumlah_paket):>12} {fmt.angka(r.nilai, 2):>6}  "
              f"{r.kategori}")
    return EXIT_OK


def cmd_ikm(args) -> int:
    metode = config.load(args.params).metode if args.params else config.Metode()
    bobot = (args.bobot or metode.bobot_ikm).replace("0.11", "0,11")
    name = Path(args.file).name
    rows = answers.read_answers(Path(args.file))  # a bad answer: ValueError naming row and unsur
    result = sat.index(rows, bobot, metode.batas_mutu_ikm)
    if result.responden == 0:
        raise UserError(f"Berkas '{name}' tidak berisi jawaban (kolom U1–U9 kosong semua).")
    low, high = sat.bootstrap(rows, bobot)
    interval = {"bawah": low, "atas": high, "tingkat": 0.95, "metode": "bootstrap persentil "
                "atas responden", "ulangan": sat.BOOTSTRAP_ULANGAN, "seed": sat.BOOTSTRAP_SEED}
    if args.json:
        print(json.dumps({"berkas": name} | result.as_dict() | {"interval_95": interval},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Indeks Kepuasan Masyarakat (PermenPANRB 14/2017) — {name}")
    print(f"Responden: {fmt.angka(result.responden)} · unsur dinilai: {result.unsur_dinilai} · "
          f"bobot: {sat.bobot_label(bobot, result.unsur_dinilai)}\n")
    print(f"{'Unsur':<46} {'Dijawab':>7} {'Jumlah':>7} {'NRR':>8} {'Konversi':>9}  Mutu")
    for r in result.nrr.itertuples():
        print(f"{(r.unsur + ' ' + r.nama)[:46]:<46} {fmt.angka(r.dijawab):>7} "
              f"{fmt.angka(r.jumlah):>7} {fmt.angka(r.nrr, 4):>8} {fmt.angka(r.konversi, 2):>9}  "
              f"{r.mutu or '–'}")
    print(f"\nIKM            : {fmt.angka(result.ikm, 4)}")
    print(f"IKM konversi   : {fmt.angka(result.ikm_konversi, 2)}")
    print(f"Mutu pelayanan : {result.mutu} ({result.kinerja})")
    print(f"Selang kepercayaan 95% (bootstrap, {fmt.angka(sat.BOOTSTRAP_ULANGAN)} ulangan): "
          f"{fmt.angka(low, 2)} – {fmt.angka(high, 2)}")
    return EXIT_OK


def _satisfaction_forms(params, period, out: Path) -> list[Path]:
    """F12/F13 blank forms from the satisfaction stage's writer (kinerja.formulir.satisfaction_forms)."""
    # same names as notebook 03 gives them
    return [satisfaction_forms.write_form(
        out / f"{code}_Formulir_Kepuasan_{kelompok.title()}_{period.label}.xlsx", kelompok, params,
        period) for code, kelompok in (("F12", "internal"), ("F13", "eksternal"))]


def cmd_forms(args) -> int:
    from collections import Counter


    params = config.load(args.params)
    period = Period.parse(args.period)
    if period.quarter is None:
        raise UserError(f"Formulir Survei Teknis dibuat per triwulan: tulis {period.year}-TW1 … "
                        f"{period.year}-TW4, bukan '{period.label}'.")
    try:
        con = store.connect(_store(args, params), read_only=True)
    except FileNotFoundError as exc:
        raise UserError(str(exc)) from None
    try:
        pk = packages.for_params(con, params)
    finally:
        con.close()
    out = Path(args.out)
    files = writer.write_forms(params, pk, period, out)
    if not files:
        raise UserError(f"Tidak ada paket dalam lingkup pada {period.label} di register: tidak ada "
                        f"formulir yang dibuat. Muat register periode itu dahulu (kinerja register).")
    kepuasan = _satisfaction_forms(params, period, out)
    count = Counter(f.name.split("_")[0] + " " + f.name.split("_")[1] for f in files)
    print(f"Formulir Survei Teknis {period.nama} ditulis ke {out}: {len(files)} berkas "
          f"({', '.join(f'{k} {v}' for k, v in sorted(count.items()))}).")
    if kepuasan:
        print(f"Formulir survei kepuasan: {', '.join(p.name for p in kepuasan)}.")
    return EXIT_OK


def cmd_intake(args) -> int:
    params = config.load(args.params)
    db = _store(args, params)
    files = intake.expand(args.files)
    if not files:
        raise UserError("Tidak ada berkas formulir pada lokasi yang diberikan.")
    con = store.connect(db)
    try:
        results = intake.ingest(con, params, files, db)
        books = submission_store.rejection_workbooks(con, results, Path(args.out) if args.out
                                                     else paths.OUTPUTS, params.tahun)
    finally:
        con.close()
    if args.json:
        print(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2, default=str))
    else:
        state = {"accepted": "diterima", "replaced": "diterima, menggantikan kiriman sebelumnya",
                 "unchanged": "tidak berubah (sudah diterima sebelumnya)"}
        for r in results:
            if r.status == "error":
                print(f"✗ {r.message}")
                continue
            print(f"✓ {r.file} [{r.format} {r.jenis_responden} {r.kode_responden}, {r.periode}] "
                  f"{state[r.status]}: dibaca {r.rows_read}, diterima {r.rows_accepted}, "
                  f"ditolak {r.rows_rejected}")
            for rej in r.rejections.head(20).itertuples():
                print(f"    lembar '{rej.sheet}' baris {rej.row}, kolom {rej.column}: {rej.reason} "
                      f"(nilai: '{rej.value}')")
            if len(r.rejections) > 20:
                print(f"    … dan {len(r.rejections) - 20} penolakan lain")
        for book in books:
            print(f"Daftar penolakan: {book}")
    if any(r.status == "error" for r in results):
        return EXIT_ERROR
    return EXIT_REJECTED if any(r.rows_rejected for r in results) else EXIT_OK


def cmd_run(args) -> int:
    try:
        out = batch.run(Path(args.params), args.period, Path(args.store).resolve() if args.store else None,
                        Path(args.out).resolve() if args.out else None, progress=not args.no_progress)
    except register.RegisterFileError as exc:
        if Path(args.params).resolve() == paths.DEFAULT_PARAMS.resolve():  # the shipped demo file
            raise register.RegisterFileError(f"{exc} Data demo dibuat dengan `make demo`.") from None
        raise
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    print(f"Selesai dalam {manifest['seconds_total']:.1f} detik. Keluaran: {out}")
    for fmt, items in itertools.groupby(manifest["artifacts"], key=lambda a: a["format"]):
        items = list(items)
        label = fmt or "–"
        if fmt and len(items) > 3:  # the next period's forms: one per respondent
            folders = sorted({str(Path(a["path"]).parent) for a in items})
            print(f"  {label:<4} {len(items)} berkas di {', '.join(f + '/' for f in folders)}")
        else:
            for a in items:
                print(f"  {label:<4} {a['path']}")
    return EXIT_OK


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
                                 scheduler=args.scheduler, workers=args.workers, done=show)
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


def cmd_init(args) -> int:
    """A new parameter file for one K/L/PD and year from the store (kinerja.apps.init_params)."""

    try:
        result = init_params.create(args.out, args.klpd, args.tahun, _store(args), args.register)
    except init_params.InitError as exc:
        raise UserError(str(exc)) from None
    print("\n".join(init_params.summary(result)))
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
    p.add_argument("--params", metavar="FILE", help="berkas parameter untuk formulir Survei "
                   "Teknis demo (bawaan: parameters/kaltim-2024.yaml)")
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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)

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
