"""The `kinerja` survey commands: `penyedia` (provider scores from a PPK rating file), `ikm`
(the satisfaction index of an answer file), `forms` (blank Survei Teknis and satisfaction forms for
a quarter) and `intake` (returned forms checked, stored or rejected)."""

from __future__ import annotations

import json
from pathlib import Path

from kinerja.apps.cli_common import (EXIT_ERROR, EXIT_OK, EXIT_REJECTED, UserError,
                                     parameter_packages, print_rejections, scoring_methods,
                                     store_location)
from kinerja.core import config, fmt, paths
from kinerja.core.periods import Period
from kinerja.formulir import answers, intake, respondents, satisfaction_forms, submission_store, writer
from kinerja.inputs import store
from kinerja.methods import provider_text, providers
from kinerja.methods import satisfaction as sat


def cmd_penyedia(args) -> int:
    metode = scoring_methods(args)
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
    print("\n".join(provider_text.method_note(metode)))
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
    metode = scoring_methods(args)
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
    pk = parameter_packages(args, params)
    out = Path(args.out)
    files = writer.write_forms(params, pk, period, out)
    if not files:
        raise UserError(f"Tidak ada paket dalam lingkup pada {period.label} di register: tidak ada "
                        f"formulir yang dibuat. Muat register periode itu dahulu (kinerja register).")
    kepuasan = _satisfaction_forms(params, period, out)
    count = Counter(f.name.split("_")[0] + " " + f.name.split("_")[1] for f in files)
    print(f"Formulir Survei Teknis {period.nama} ditulis ke {out}: {len(files)} berkas "
          f"({', '.join(f'{k} {v}' for k, v in sorted(count.items()))}).")
    period_pk = respondents.period_packages(pk, period)
    rated = int(respondents.left_to_sikap(period_pk).sum())
    if rated:
        print(f"{fmt.angka(rated)} paket berpenyedia sudah dinilai PPK di SIKaP: tidak ditanyakan lagi di Format 5.")
    if kepuasan:
        print(f"Formulir survei kepuasan: {', '.join(p.name for p in kepuasan)}.")
    return EXIT_OK


def cmd_intake(args) -> int:
    params = config.load(args.params)
    db = store_location(args, params)
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
            print_rejections(r.rejections, with_sheet=True)
        for book in books:
            print(f"Daftar penolakan: {book}")
    if any(r.status == "error" for r in results):
        return EXIT_ERROR
    return EXIT_REJECTED if any(r.rows_rejected for r in results) else EXIT_OK
