"""Format 14 — Kertas Kerja Perhitungan Survei Kepuasan Pelanggan: the IKM computation of
kinerja.methods.satisfaction written as an Excel workbook with live formulas."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.core import fmt
from kinerja.core.periods import Period
from kinerja.methods import satisfaction as sat
from kinerja.render.excel import keep_text

F14_LABELS = {
    "jumlah": "Jumlah nilai per unsur (Σ)", "dijawab": "Responden yang menjawab unsur",
    "nrr": "NRR = Σ ÷ responden yang menjawab", "bobot": "Bobot unsur",
    "tertimbang": "NRR tertimbang = NRR × bobot", "konversi_unsur": "NRR konversi = NRR × 25",
    "mutu_unsur": "Mutu unsur", "responden": "Jumlah responden",
    "n": "Jumlah unsur dinilai (n)", "cara": "Bobot yang dipakai",
    "ikm": "IKM = Σ NRR tertimbang (1–4)", "konversi": "IKM konversi = IKM × 25 (25–100)",
    "mutu": "Mutu pelayanan", "kinerja": "Kinerja unit pelayanan",
    "populasi": "Populasi responden (berkas parameter)",
    "minimum": "Sampel minimum (Krejcie & Morgan)", "cukup": "Sampel memadai",
    "interval": "Selang kepercayaan 95% IKM konversi (bootstrap; nilai dari Python)",
}


_STEPS = ("jumlah", "dijawab", "nrr", "bobot", "tertimbang", "konversi_unsur", "mutu_unsur")
_RESULTS = ("responden", "n", "cara", "ikm", "konversi", "mutu", "kinerja", "populasi", "minimum",
            "cukup", "interval")
_NUMBER_FORMAT = {"nrr": "0.0000", "bobot": "0.0000", "tertimbang": "0.0000", "ikm": "0.0000",
                  "konversi_unsur": "0.00", "konversi": "0.00", "interval": "0.00",
                  "interval_atas": "0.00"}


def _grade_formula(cell: str) -> str:
    """Nested IF against the band sheet's upper edges; ROUND(…;9) as in `mutu`."""
    x = f"ROUND({cell},{sat.PRESISI_BATAS})"
    return f'IF({x}<=Pita!$C$3,"D",IF({x}<=Pita!$C$4,"C",IF({x}<=Pita!$C$5,"B","A")))'


def _styles():
    from openpyxl.styles import Font, PatternFill

    return {"bold": Font(bold=True), "title": Font(bold=True, size=13),
            "head": Font(bold=True, color="FFFFFF"), "fill": PatternFill("solid", fgColor="1F5F8B")}


def _band_sheet(ws, batas) -> None:
    """The regulation's band table; the mutu formulas compare with its column C."""
    st = _styles()
    ws["A1"], ws["A1"].font = "Pita mutu pelayanan (PermenPANRB 14/2017)", st["bold"]
    for j, h in enumerate(("Mutu", "Konversi dari", "Konversi sampai (inklusif)",
                           "Nilai interval dari", "Nilai interval sampai",
                           "Kinerja unit pelayanan"), start=1):
        ws.cell(2, j, h).font = st["bold"]
    lows, highs = (25.0, *(b + 0.01 for b in batas)), (*batas, 100.0)
    for i, grade in enumerate("DCBA"):
        for j, v in enumerate((grade, lows[i], highs[i], lows[i] / 25, highs[i] / 25,
                               sat.KINERJA[grade]), start=1):
            ws.cell(3 + i, j, round(v, 4) if isinstance(v, float) else v)
    ws["A8"] = ("Batas atas tiap pita inklusif; nilai di atasnya masuk pita berikutnya (76,60 → C; "
                "76,605 → B). Pembanding memakai ROUND(nilai; 9) hanya untuk menghilangkan galat "
                "pembulatan biner.")
    for letter, width in zip("ABCDEF", (8, 14, 24, 18, 20, 24)):
        ws.column_dimensions[letter].width = width


def _group_sheet(ws, group: pd.DataFrame, heading: list[str], bobot: str, populasi: int,
                 interval: tuple[float, float]) -> dict[str, str]:
    """Respondents × unsur matrix, per-unsur steps and the results, all as formulas; returns
    the address of each result cell (for the sat.summary sheet)."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    st = _styles()
    ws["A1"], ws["A1"].font = heading[0], st["title"]
    ws["A2"], ws["A3"] = heading[1], heading[2]
    for j, h in enumerate(("No", "Kode responden", *sat.UNSUR, "Jumlah nilai", "Unsur dijawab"), 1):
        c = ws.cell(6, j, h)
        c.font, c.fill = st["head"], st["fill"]
        if h in sat.NAMA_UNSUR:
            ws.cell(5, j, sat.NAMA_UNSUR[h]).alignment = Alignment(wrap_text=True, vertical="bottom")
    ws.row_dimensions[5].height = 60
    first, last = 7, 6 + len(group)
    codes = group["kode_responden"] if "kode_responden" in group else range(1, len(group) + 1)
    for r, code, values in zip(range(first, last + 1), codes,
                               group[list(sat.UNSUR)].itertuples(index=False)):
        ws.cell(r, 1, r - first + 1)
        keep_text(ws.cell(r, 2, str(code)))  # a respondent's code is text, never a formula
        for j, v in enumerate(values, start=3):
            if not pd.isna(v):
                ws.cell(r, j, int(v))
        ws.cell(r, 12, f"=SUM(C{r}:K{r})"), ws.cell(r, 13, f"=COUNT(C{r}:K{r})")

    step = {k: last + 2 + i for i, k in enumerate(_STEPS)}
    at = {k: f"C{step['mutu_unsur'] + 2 + i}" for i, k in enumerate(_RESULTS)}
    for j in range(3, 12):
        col = get_column_letter(j)
        answered, value = f"{col}{step['dijawab']}", lambda k: f"{col}{step[k]}"  # noqa: E731
        weight_ = f"1/${at['n'][0]}${at['n'][1:]}" if bobot == "1/n" else "0.11"
        steps = {
            "jumlah": f"=SUM({col}{first}:{col}{last})",
            "dijawab": f"=COUNT({col}{first}:{col}{last})",
            "nrr": f'=IF({answered}=0,"",{value("jumlah")}/{answered})',
            "bobot": f"=IF({answered}=0,0,{weight_})",
            "tertimbang": f"=IF({answered}=0,0,{value('nrr')}*{value('bobot')})",
            "konversi_unsur": f'=IF({answered}=0,"",{value("nrr")}*25)',
            "mutu_unsur": f'=IF({answered}=0,"",{_grade_formula(value("konversi_unsur"))})',
        }
        for key, formula in steps.items():
            ws.cell(step[key], j, formula).number_format = _NUMBER_FORMAT.get(key, "0")
    pq = f"{sat.P_POPULASI}*(1-{sat.P_POPULASI})"
    results = {
        "responden": f'=COUNTIF(M{first}:M{last},">0")',
        "n": f'=COUNTIF(C{step["dijawab"]}:K{step["dijawab"]},">0")',
        "cara": sat.bobot_label(bobot) if bobot != "1/n" else "1/n (tepat, tanpa pembulatan)",
        "ikm": f"=SUM(C{step['tertimbang']}:K{step['tertimbang']})",
        "konversi": f"={at['ikm']}*25",
        "mutu": f"={_grade_formula(at['konversi'])}",
        "kinerja": f"=VLOOKUP({at['mutu']},Pita!$A$3:$F$6,6,FALSE)",
        "populasi": populasi,
        "minimum": f"=ROUND({sat.CHI2}*{at['populasi']}*{pq}/({sat.D_GALAT}^2*({at['populasi']}-1)"
                   f"+{sat.CHI2}*{pq}),0)",
        "cukup": f'=IF({at["responden"]}>={at["minimum"]},"Ya","Tidak")',
        "interval": None if pd.isna(interval[0]) else round(float(interval[0]), 6),
    }
    labels = {**{k: step[k] for k in _STEPS}, **{k: int(a[1:]) for k, a in at.items()}}
    for key, r in labels.items():
        ws.cell(r, 2, F14_LABELS[key]).font = st["bold"]
    for key, address in at.items():
        ws[address] = results[key]
        ws[address].number_format = _NUMBER_FORMAT.get(key, "General")
    at["interval_atas"] = "D" + at["interval"][1:]
    if not pd.isna(interval[1]):
        ws[at["interval_atas"]] = round(float(interval[1]), 6)
        ws[at["interval_atas"]].number_format = "0.00"
    for letter, width in {"A": 6, "B": 44, **{get_column_letter(j): 11 for j in range(3, 14)}}.items():
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "C7"
    return at


def write_worksheet(path: str | Path, responses: pd.DataFrame, params, period,
                    ringkasan: pd.DataFrame | None = None) -> Path:
    """Format 14, Kertas Kerja Perhitungan Survei Kepuasan Pelanggan: per group a sheet with
    the respondents × unsur matrix and LIVE Excel formulas (SUM, COUNT, NRR, weight, weighted
    NRR, IKM, konversi, mutu by nested IF on the `Pita` sheet, Krejcie–Morgan minimum), so an
    auditor can follow every step in Excel; a `Ringkasan` sheet referring to them. The weight
    (params.metode.bobot_ikm) is stated. Only the bootstrap interval is a value (from
    `sat.summary`, or `ringkasan` when given). `responses` as returned by `clean`."""
    from openpyxl import Workbook


    period = period if isinstance(period, Period) else Period.parse(str(period))
    m = params.metode
    bobot, batas = m.bobot_ikm, tuple(m.batas_mutu_ikm)
    populasi = sat.populations(m)
    if ringkasan is None:
        ringkasan = sat.summary(responses, bobot=bobot, populasi=populasi, batas=batas)
    ci = ringkasan.set_index("kelompok")[["ci_bawah", "ci_atas"]]
    title = "Kertas Kerja Perhitungan Survei Kepuasan Pelanggan (Format 14)"
    subtitle = f"{params.ukpbj.nama} — {period.nama}"
    weight_text = "Bobot tiap unsur: " + (
        "1/n, n = jumlah unsur yang dinilai (tepat, tanpa pembulatan)" if bobot == "1/n"
        else sat.bobot_label(bobot)) + " — PermenPANRB 14/2017."

    book = Workbook()
    book.calculation.fullCalcOnLoad = True  # no cached values: the spreadsheet computes them
    first_sheet = book.active
    first_sheet.title = "Ringkasan"
    cells: dict[str, dict[str, str]] = {}
    for kelompok, label in sat.KELOMPOK.items():
        group = responses[responses["kelompok"] == kelompok]
        group = group[group[list(sat.UNSUR)].notna().any(axis=1)]
        if group.empty:
            continue
        interval = tuple(ci.loc[kelompok]) if kelompok in ci.index else (np.nan, np.nan)
        at = _group_sheet(book.create_sheet(label), group,
                          [f"{title} — Pelanggan {label}", subtitle, weight_text], bobot,
                          populasi[kelompok], interval)
        cells[kelompok] = {k: f"'{label}'!{a}" for k, a in at.items()}
    _band_sheet(book.create_sheet("Pita"), batas)
    _summary_sheet(first_sheet, cells, [title, subtitle, weight_text])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _summary_sheet(ws, cells: dict[str, dict[str, str]], heading: list[str]) -> None:
    st = _styles()
    ws["A1"], ws["A1"].font = heading[0], st["title"]
    ws["A2"], ws["A3"] = heading[1], heading[2]
    heads = ("Kelompok pelanggan", "Responden", "Sampel minimum", "Sampel memadai", "IKM (1–4)",
             "IKM konversi", "Mutu", "Kinerja unit pelayanan", "Selang 95% bawah",
             "Selang 95% atas")
    for j, h in enumerate(heads, start=1):
        c = ws.cell(5, j, h)
        c.font, c.fill = st["head"], st["fill"]
    for r, (kelompok, label) in enumerate(sat.KELOMPOK.items(), start=6):
        ws.cell(r, 1, f"{label} ({sat.FORMAT[kelompok]})")
        if kelompok not in cells:
            ws.cell(r, 2, "belum ada data")
            continue
        for j, key in enumerate(("responden", "minimum", "cukup", "ikm", "konversi", "mutu",
                                 "kinerja", "interval", "interval_atas"), start=2):
            ws.cell(r, j, f"={cells[kelompok][key]}").number_format = _NUMBER_FORMAT.get(
                key, "General")
    notes = [
        "Cara menghitung (PermenPANRB 14/2017):",
        "NRR unsur = jumlah nilai jawaban unsur ÷ jumlah responden yang menjawab unsur itu; "
        "jawaban kosong berarti tidak menjawab, responden tetap dihitung untuk unsur lain.",
        "IKM = Σ (NRR unsur × bobot); " + heading[2],
        "IKM konversi = IKM × 25. Mutu menurut lembar Pita: batas atas tiap pita inklusif "
        "(76,60 → C, di atas 76,60 → B).",
        "Sampel minimum: Krejcie & Morgan, s = 3,841·N·0,25 ÷ (0,05²·(N−1) + 3,841·0,25), "
        "dibulatkan.",
        f"Selang kepercayaan 95%: bootstrap atas responden ({fmt.angka(sat.BOOTSTRAP_ULANGAN)} "
        f"ulangan, seed {sat.BOOTSTRAP_SEED}); tambahan buku kerja, tidak diatur dalam peraturan.",
        "Semua sel hasil adalah rumus Excel yang dapat ditelusuri; nilai disimpan dengan "
        "presisi penuh, tampilan dibulatkan.",
    ]
    for r, text in enumerate(notes, start=10):
        ws.cell(r, 1, text)
    ws["A10"].font = st["bold"]
    for letter, width in zip("ABCDEFGHIJ", (26, 11, 15, 15, 11, 13, 8, 22, 16, 16)):
        ws.column_dimensions[letter].width = width
