"""Formats 12 and 13: the blank customer-satisfaction forms (internal: OPD, PPK; external:
providers) and reading a filled one back.

A form is one xlsx workbook: `Petunjuk` (instructions and the nine questions with their answer
labels), `Jawaban` (one row per respondent in the Excel Table `TabelJawaban`, data validation
on every cell: answers whole numbers 1–4, profile fields as drop-downs), `Daftar` (the
drop-down lists) and a hidden `_meta` (format, kelompok, year, schema version). The questions
adapt the nine unsur of PermenPANRB 14/2017 (Lampiran, contoh kuesioner) to the UKPBJ's
procurement services. Respondents are not asked their names.

The answer table is declared once, with the Survei Teknis contract types (`contract`): the
writer takes its columns from it, and a returned form goes through the same reader and checks
as F4/F5/F8 (`kinerja.formulir.reader`: hostile-file guards, the header row exactly as written;
`kinerja.formulir.validation`: every row checked against the contract — a row whose respondent
code was emptied is rejected).

    write_form(path, "internal", params, "2025")          -> Path (a blank F12)
    read_form(path) -> (rows, rejections)

`rows` has the columns of `surveys.COLUMNS["kepuasan"]` and the spreadsheet row as index;
`rejections` has the validation's columns (sheet, row, column, value, reason in Indonesian, …). A
row with a rejected cell is left out of `rows` (as the register loader does); a blank answer is
"not answered".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from kinerja.core.periods import Period
from kinerja.formulir import reader, validation
from kinerja.inputs import form_contracts as c
from kinerja.inputs import surveys
from kinerja.methods import satisfaction as sat

SCHEMA_VERSION = "kepuasan-1"
SHEET, TABLE, LISTS, META, GUIDE = "Jawaban", "TabelJawaban", "Daftar", "_meta", "Petunjuk"
HEADER_ROW = 5  # the table's header; answers start on the row below
ROWS = 200

# The regulation's answer labels, worst (1) to best (4), per unsur.
LABELS = {
    "U1": ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    "U2": ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
    "U3": ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
    "U4": ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
    "U5": ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
    "U6": ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
    "U7": ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah",
           "Sangat sopan dan ramah"),
    "U8": ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal",
           "Dikelola dengan baik"),
    "U9": ("Buruk", "Cukup", "Baik", "Sangat baik"),
}

_ASK = "Bagaimana pendapat Saudara tentang "
QUESTIONS = {
    "internal": {
        "U1": _ASK + "kesesuaian persyaratan layanan pengadaan (dokumen persiapan pengadaan yang "
              "diserahkan PPK kepada UKPBJ) dengan jenis layanannya?",
        "U2": _ASK + "kemudahan prosedur permohonan layanan pemilihan penyedia dan konsultasi "
              "pengadaan di UKPBJ?",
        "U3": _ASK + "kecepatan UKPBJ menyelesaikan pemilihan penyedia sesuai jadwal yang "
              "direncanakan?",
        "U4": _ASK + "kewajaran biaya/tarif layanan pengadaan UKPBJ bagi perangkat daerah?",
        "U5": _ASK + "kesesuaian hasil layanan (usulan/penetapan pemenang, berita acara hasil "
              "pemilihan, jawaban konsultasi) dengan standar pelayanan UKPBJ?",
        "U6": _ASK + "kompetensi/kemampuan Pokja Pemilihan dan petugas UKPBJ dalam memberikan "
              "layanan?",
        "U7": _ASK + "perilaku Pokja Pemilihan dan petugas UKPBJ terkait kesopanan dan keramahan "
              "dalam memberikan layanan?",
        "U8": _ASK + "penanganan pengaduan, saran, dan masukan dari perangkat daerah/PPK oleh "
              "UKPBJ?",
        "U9": _ASK + "kualitas sarana dan prasarana layanan UKPBJ (ruang konsultasi/klinik, SPSE "
              "dan SiRUP, layanan bantuan)?",
    },
    "eksternal": {
        "U1": _ASK + "kesesuaian persyaratan kualifikasi dan teknis dalam dokumen pemilihan "
              "dengan jenis paket pengadaannya?",
        "U2": _ASK + "kemudahan prosedur dan mekanisme pemilihan penyedia melalui SPSE "
              "(pendaftaran, pemberian penjelasan, pemasukan penawaran, sanggah)?",
        "U3": _ASK + "ketepatan dan kecepatan waktu tahapan pemilihan (jadwal, pengumuman hasil, "
              "jawaban atas pertanyaan)?",
        "U4": _ASK + "kewajaran biaya yang harus Saudara keluarkan untuk mengikuti pemilihan di "
              "UKPBJ, di luar biaya menyusun penawaran Saudara sendiri?",
        "U5": _ASK + "kesesuaian hasil layanan (pengumuman, berita acara, hasil evaluasi) dengan "
              "ketentuan dalam dokumen pemilihan?",
        "U6": _ASK + "kompetensi/kemampuan Pokja Pemilihan dan petugas UKPBJ/LPSE dalam "
              "memberikan layanan?",
        "U7": _ASK + "perilaku Pokja Pemilihan dan petugas UKPBJ/LPSE terkait kesopanan dan "
              "keramahan dalam memberikan layanan?",
        "U8": _ASK + "penanganan pengaduan, pertanyaan, saran, dan sanggahan penyedia oleh "
              "UKPBJ?",
        "U9": _ASK + "kualitas sarana dan prasarana layanan (SPSE/LPSE, layanan bantuan, ruang "
              "layanan penyedia)?",
    },
}

def contract(kelompok: str, opd=()) -> c.Table:
    """The form's answer table for the group (external providers have no OPD column): fields
    named as in surveys.COLUMNS["kepuasan"]; kelompok and tahun_anggaran come from the meta
    sheet. `opd`: the OPD names of the internal form's drop-down (free text when empty)."""
    _check_kelompok(kelompok)

    def choice(name, label, values, width):
        return c.Field(name, label, c.CHOICE, input=True, choices=tuple(values), width=width)

    fields = [c.Field("kode_responden", "Kode responden", c.CODE, required=True, width=15),
              choice("jenis_responden", "Jenis responden", sat.JENIS_RESPONDEN[kelompok], 28)]
    if kelompok == "internal":
        fields.append(choice("nama_satker", "OPD / Perangkat Daerah", opd, 40) if len(opd) else
                      c.Field("nama_satker", "OPD / Perangkat Daerah", c.TEXT, input=True, width=40))
    fields += [choice("jenis_kelamin", "Jenis kelamin", sat.JENIS_KELAMIN, 14),
               choice("pendidikan", "Pendidikan terakhir", sat.PENDIDIKAN, 14),
               choice("kelompok_usia", "Kelompok usia", sat.KELOMPOK_USIA, 14)]
    fields += [c.Field(u, u, c.INT, input=True, min=1, max=4, width=7) for u in sat.UNSUR]
    fields.append(c.Field("saran", "Saran dan masukan", c.TEXT, input=True, width=50))
    context = {"tahun_anggaran": "tahun_anggaran", "kelompok": "kelompok"}
    names = {f.name for f in fields} | set(context)
    return c.Table(TABLE, SHEET, f"Jawaban survei kepuasan {sat.KELOMPOK[kelompok].lower()}",
                   tuple(fields), key=("kode_responden",), reference="",
                   store_table="survei_kepuasan",
                   columns=tuple(n for n in surveys.COLUMNS["kepuasan"] if n in names),
                   context=context)


def columns(kelompok: str) -> list[tuple[str, str, int]]:
    """The form's table columns for the group: (field, heading, width)."""
    return [(f.name, f.label, f.width) for f in contract(kelompok).fields]


def _period(period) -> Period:
    return period if isinstance(period, Period) else Period.parse(str(period))


def next_period(period) -> Period:
    """The period the next blank forms are for: the next year, or the next quarter."""
    period = _period(period)
    if period.quarter is None:
        return Period(period.year + 1)
    return Period(period.year + 1, 1) if period.quarter == 4 else Period(period.year,
                                                                         period.quarter + 1)


def _check_kelompok(kelompok: str) -> None:
    if kelompok not in sat.FORMAT:
        raise ValueError(f"kelompok '{kelompok}' tidak dikenal (pilih internal atau eksternal)")


def opd_names(packages: pd.DataFrame, year: int) -> list[str] | None:
    """The OPD names offered in the internal form's drop-down: the satker with packages in the
    year's budget, sorted; None (free text) when there are none."""
    return sorted(packages.loc[packages["tahun_anggaran"] == year, "nama_satker"].dropna().unique()) or None


def write_form(path: str | Path, kelompok: str, params, period, *,
               responses: pd.DataFrame | None = None, opd: list[str] | None = None,
               rows: int = ROWS) -> Path:
    """Write a blank F12 (kelompok="internal") or F13 ("eksternal") form for the period
    (Period, '2025' or '2025-TW2'); `params` gives the UKPBJ's name. Optional: `opd`, the OPD
    names offered in the internal form's drop-down (free text when None); `responses`, rows
    (columns of surveys.COLUMNS["kepuasan"]) to prefill, e.g. for a per-respondent form."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.table import Table, TableStyleInfo

    _check_kelompok(kelompok)
    period, path = _period(period), Path(path)
    fmt_code, label = sat.FORMAT[kelompok], sat.KELOMPOK[kelompok]
    responses = responses if responses is not None else pd.DataFrame(
        columns=list(surveys.COLUMNS["kepuasan"]))
    rows = max(rows, len(responses))
    cols = columns(kelompok)
    title = f"Formulir Survei Kepuasan Pelanggan {label} (Format {fmt_code[1:]})"
    bold, white = Font(bold=True), Font(bold=True, color="FFFFFF")
    wrap = Alignment(wrap_text=True, vertical="top")

    book = Workbook()
    guide = book.active
    guide.title = GUIDE
    _write_guide(guide, kelompok, params, period, title, bold, wrap)

    sheet = book.create_sheet(SHEET)
    sheet["A1"], sheet["A1"].font = title, Font(bold=True, size=13)
    sheet["A2"] = f"{params.ukpbj.nama} — {period.nama}"
    sheet["A3"] = ("Satu baris untuk satu responden. Jawaban unsur U1–U9: angka 1 sampai 4 "
                   "(arti tiap angka ada di lembar Petunjuk); kosongkan bila tidak dijawab. "
                   "Jangan menulis nama responden.")
    first, last = HEADER_ROW + 1, HEADER_ROW + rows
    for j, (name, heading, width) in enumerate(cols, start=1):
        letter = get_column_letter(j)
        sheet.column_dimensions[letter].width = width
        if name in sat.UNSUR:
            sheet.cell(HEADER_ROW - 1, j, sat.NAMA_UNSUR[name]).alignment = Alignment(
                wrap_text=True, vertical="bottom", horizontal="center")
        head = sheet.cell(HEADER_ROW, j, heading)
        head.font, head.fill = white, PatternFill("solid", fgColor="1F5F8B")
    sheet.row_dimensions[HEADER_ROW - 1].height = 48
    prefix = "I" if kelompok == "internal" else "E"
    for i in range(rows):
        given = responses.iloc[i] if i < len(responses) else None
        for j, (name, _, _) in enumerate(cols, start=1):
            value = None if given is None else given.get(name)
            if name == "kode_responden" and (value is None or pd.isna(value) or value == ""):
                value = f"{prefix}-{i + 1:03d}"
            if value is not None and not pd.isna(value) and value != "":
                sheet.cell(first + i, j, int(value) if name in sat.UNSUR else str(value))
    end = get_column_letter(len(cols))
    table = Table(displayName=TABLE, ref=f"A{HEADER_ROW}:{end}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    sheet.add_table(table)
    sheet.freeze_panes = sheet.cell(first, 2)

    lists = book.create_sheet(LISTS)
    choices = {f.name: f.choices for f in contract(kelompok, opd or ()).fields
               if f.type == c.CHOICE}
    for j, (name, values) in enumerate(choices.items(), start=1):
        lists.cell(1, j, name).font = bold
        for i, v in enumerate(values, start=2):
            lists.cell(i, j, v)
        lists.column_dimensions[get_column_letter(j)].width = 30
    lists.sheet_state = "hidden"

    where = {name: get_column_letter(j) for j, (name, _, _) in enumerate(cols, start=1)}
    for j, (name, values) in enumerate(choices.items(), start=1):
        if name not in where:
            continue
        col = get_column_letter(j)
        dv = DataValidation(type="list", formula1=f"{LISTS}!${col}$2:${col}${len(values) + 1}",
                            allow_blank=True, showErrorMessage=True, errorTitle="Pilihan tidak ada",
                            error="Pilih salah satu isian dari daftar.")
        dv.add(f"{where[name]}{first}:{where[name]}{last}")
        sheet.add_data_validation(dv)
    for u in sat.UNSUR:
        prompt = "; ".join(f"{k} = {t}" for k, t in enumerate(LABELS[u], start=1))
        dv = DataValidation(type="whole", operator="between", formula1="1", formula2="4",
                            allow_blank=True, showErrorMessage=True, showInputMessage=True,
                            errorTitle="Jawaban 1 sampai 4",
                            error="Isikan bilangan bulat 1, 2, 3 atau 4; kosongkan bila tidak "
                                  "dijawab.",
                            promptTitle=f"{u} {sat.NAMA_UNSUR[u]}"[:32], prompt=prompt[:255])
        dv.add(f"{where[u]}{first}:{where[u]}{last}")
        sheet.add_data_validation(dv)

    meta = book.create_sheet(META)
    for i, (k, v) in enumerate({"format": fmt_code, "kelompok": kelompok,
                                "tahun_anggaran": period.year, "periode": period.label,
                                "versi_skema": SCHEMA_VERSION, "ukpbj": params.ukpbj.nama,
                                "dibuat": dt.date.today().isoformat()}.items(), start=1):
        meta.cell(i, 1, k), meta.cell(i, 2, v)
    meta.sheet_state = "hidden"
    book.active = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _write_guide(ws, kelompok, params, period, title, bold, wrap) -> None:
    from openpyxl.styles import Font

    who = ("perangkat daerah (OPD), PA/KPA, PPK dan pejabat pengadaan" if kelompok == "internal"
           else "penyedia barang/jasa yang mengikuti pemilihan")
    lines = [
        (title, Font(bold=True, size=13)),
        (f"{params.ukpbj.nama} — {period.nama}", None),
        ("", None),
        (f"Survei ini mengukur kepuasan {who} atas layanan pengadaan barang/jasa "
         f"{params.ukpbj.singkatan}, dengan sembilan unsur pelayanan menurut Peraturan Menteri "
         f"PANRB Nomor 14 Tahun 2017. Hasilnya diolah menjadi Indeks Kepuasan Masyarakat (IKM) "
         f"dan dipakai untuk memperbaiki layanan.", wrap),
        ("Cara mengisi:", bold),
        ("1. Isi lembar 'Jawaban', satu baris untuk satu responden; kode responden sudah "
         "tersedia.", None),
        ("2. Lengkapi profil responden dengan memilih dari daftar (jenis responden"
         + (", OPD" if kelompok == "internal" else "") + ", jenis kelamin, pendidikan, kelompok "
         "usia). Nama responden tidak ditanyakan.", wrap),
        ("3. Untuk setiap unsur U1–U9, tulis angka 1, 2, 3 atau 4 sesuai arti pada tabel di "
         "bawah. Kosongkan bila responden tidak menjawab unsur itu.", wrap),
        ("4. Tulis saran dan masukan bila ada. Jangan mengubah judul kolom, nama lembar, atau "
         "menulis rumus di kolom jawaban.", wrap),
        ("5. Jawaban diolah secara agregat dan dijaga kerahasiaannya.", None),
        ("", None),
    ]
    for i, (text, style) in enumerate(lines, start=1):
        cell = ws.cell(i, 1, text)
        if style is not None:
            if hasattr(style, "wrap_text"):
                cell.alignment = style
                ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=7)
                ws.row_dimensions[i].height = 45
            else:
                cell.font = style
    row = len(lines) + 1
    for j, head in enumerate(("Unsur", "Nama unsur", "Pertanyaan", "1", "2", "3", "4"), start=1):
        ws.cell(row, j, head).font = bold
    for u in sat.UNSUR:
        row += 1
        values = (u, sat.NAMA_UNSUR[u], QUESTIONS[kelompok][u], *LABELS[u])
        for j, v in enumerate(values, start=1):
            ws.cell(row, j, v).alignment = wrap
        ws.row_dimensions[row].height = 48
    for letter, width in zip("ABCDEFG", (7, 24, 60, 15, 17, 17, 17)):
        ws.column_dimensions[letter].width = width


# --------------------------------------------------------------------------- reading

def is_form(path: str | Path) -> bool:
    """Whether an xlsx is an F12/F13 form written by `write_form` (has its metadata)."""
    try:
        with reader.workbook(path) as book:
            return reader.meta_cells(book).get("format") in sat.FORMAT.values()
    except reader.FormFileError:
        return False


def read_form(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A filled F12/F13 form: (rows, rejections). Cell values only — formulas are never
    evaluated, and a formula where an answer or a choice belongs is a rejected cell. Rows
    without any answer or profile entry are empty form rows and skipped."""
    return read_submission(path)[:2]


def read_submission(path: str | Path, max_bytes: int | None = None
                    ) -> tuple[pd.DataFrame, pd.DataFrame, dict, int]:
    """`read_form` plus the form's metadata (format, kelompok, tahun_anggaran, periode) and the
    number of rows read (= accepted + rejected), for the intake that files the answers by form
    and year. reader.FormFileError (a ValueError) when the file is unusable."""
    raw, meta, table = _read(path, max_bytes)
    year = int(meta["tahun_anggaran"])
    batch = validation.validate(
        raw.values.assign(_file=0, _row=raw.rows), table, year=year,
        context=pd.DataFrame([{"tahun_anggaran": year, "kelompok": meta["kelompok"]}]),
        allowed=set(), known=None, who=pd.Series({0: ""}), letters={0: raw.letters})
    rows = batch.accepted.set_index("_row").reindex(columns=list(surveys.COLUMNS["kepuasan"]))
    for name in rows.columns:
        if name in sat.UNSUR:
            rows[name] = rows[name].astype("Int64")
        elif name not in ("tahun_anggaran", "kelompok"):
            rows[name] = rows[name].astype(object).where(rows[name].notna(), "")
    rows.index.name = "baris"
    return rows, batch.rejections.drop(columns="_file"), meta, int(batch.rows_read.get(0, 0))


def read_table(path: str | Path) -> tuple[pd.DataFrame, dict, c.Table]:
    """The form's answer table as written (raw cells, columns named as in
    surveys.COLUMNS["kepuasan"], index = spreadsheet row), its metadata and its contract."""
    raw, meta, table = _read(path)
    return raw.values.set_axis(raw.rows), meta, table


def _read(path: str | Path, max_bytes: int | None = None
          ) -> tuple[reader.RawTable, dict, c.Table]:
    name = Path(path).name
    with reader.workbook(path, max_bytes) as book:
        meta = reader.meta_cells(book)
        kelompok, code = meta.get("kelompok"), meta.get("format")
        if SHEET not in book.sheets or code not in sat.FORMAT.values():
            raise reader.FormFileError(f"{name}: bukan formulir survei kepuasan F12/F13 (lembar "
                                       f"'{META}' atau '{SHEET}' tidak ada).")
        if kelompok not in sat.FORMAT or sat.FORMAT[kelompok] != code:
            raise reader.FormFileError(f"{name}: metadata kelompok '{kelompok}' tidak sesuai "
                                       f"dengan formulir {code}.")
        if meta.get("versi_skema") != SCHEMA_VERSION:
            raise reader.FormFileError(f"{name}: versi formulir '{meta.get('versi_skema')}' tidak "
                                       f"dikenal (versi sekarang {SCHEMA_VERSION}); gunakan "
                                       f"formulir terbaru.")
        if not str(meta.get("tahun_anggaran", "")).isdigit():
            raise reader.FormFileError(f"{name}: tahun anggaran '{meta.get('tahun_anggaran')}' "
                                       f"pada formulir tidak dikenal.")
        table = contract(kelompok, _listed(book, "nama_satker"))
        raw = reader.read_table(book, table, name, HEADER_ROW)
    return raw, meta, table


def _listed(book, name: str) -> tuple[str, ...]:
    """The drop-down list `name` of the form's list sheet (empty when there is none)."""
    if LISTS not in book.sheets:
        return ()
    column, values = None, []
    for number, cells in book.rows(LISTS):
        if column is None:
            column = next((j for j, v in cells.items() if str(v).strip() == name), -1)
        elif column >= 0 and column in cells:
            values.append(str(cells[column]).strip())
    return tuple(values)
