"""Monitoring the Survei Teknis collection (SOP step 5): who was asked, who answered and when,
how complete the answers are per OPD, how the action plans progress, and what was rejected.

Definitions (this workbook's):
- expected: every respondent of a quarter (forms.respondents) and its formats (PPK: F4, and F5
  when a package has a provider; Pokja: F4, F8);
- received: the first arrival of an accepted form per respondent, quarter and format (a later
  correction does not change when the respondent answered; an unreadable file is not received);
- deadline: day `metode.batas_hari_pengumpulan` (default 15) of the quarter's collection month
  (May, August, November, January of the next year); received after that day = Terlambat;
- status per respondent and quarter: Belum masuk (nothing received), Terlambat (the last of its
  received forms arrived after the deadline), Tepat waktu; `lengkap` says whether every expected
  format arrived.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kinerja.core import fmt, paths
from kinerja.core.periods import Period, deadline
from kinerja.formulir import submission_store, writer
from kinerja.formulir import respondents as resp
from kinerja.inputs import form_contracts as c
from kinerja.inputs import store
from kinerja.render import charts

STATUS = ("Tepat waktu", "Terlambat", "Belum masuk")
KATEGORI = {"berkas": "Berkas tidak terbaca", "rumus": "Rumus pada sel isian",
            "tipe": "Jenis isian salah (teks/angka/tanggal)", "rentang": "Di luar rentang",
            "pilihan": "Bukan pilihan yang sah", "wajib": "Sel wajib kosong",
            "aturan": "Melanggar aturan antarkolom", "rujukan": "Paket/indikator bukan milik responden",
            "ganda": "Baris ganda"}


def quarters(period: Period) -> list[Period]:
    return [period] if period.quarter else [Period(period.year, q) for q in range(1, 5)]


def next_period(period: Period) -> Period:
    """The quarter whose forms go out next: the following quarter (after TW4 or a whole year:
    TW1 of the next year)."""
    if period.quarter in (None, 4):
        return Period(period.year + 1, 1)
    return Period(period.year, period.quarter + 1)


# ---------------------------------------------------------------- reading the store

def from_store(store_path: Path, period: Period) -> dict[str, pd.DataFrame]:
    """The period's submissions and current rejections, and the accepted rows of every form
    table for the period's year (filter by `triwulan` for a quarter)."""

    con = store.connect(store_path, read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables"
                                            ).fetchall()}
        if "survei_submissions" not in tables:  # no intake yet: the same (empty) tables
            import duckdb

            con.close()
            con = duckdb.connect()
            con.execute(c.store_ddl())
        out = {"submissions": submission_store.submissions(con, period),
               "rejections": submission_store.current_rejections(con, period)}
        for form in c.FORMS.values():
            for t in form.tables:
                out[t.store_table] = con.execute(f"SELECT * FROM {t.store_table} WHERE "
                                                 f"tahun_anggaran = ?", [period.year]).df()
    finally:
        con.close()
    return out


# ---------------------------------------------------------------- status of the collection

def expected(packages: pd.DataFrame, period: Period) -> pd.DataFrame:
    """(quarter, respondent, format) the collection team waits for."""
    parts = []
    for q in quarters(period):
        exp = resp.expected_forms(resp.respondents(resp.period_packages(packages, q)))
        parts.append(exp.assign(triwulan=q.quarter, periode=q.label))
    cols = ["periode", "triwulan", "jenis_responden", "kode_responden", "nama_responden", "format"]
    return pd.concat(parts, ignore_index=True)[cols] if parts else pd.DataFrame(columns=cols)


def arrivals(submissions: pd.DataFrame) -> pd.DataFrame:
    """First arrival of an accepted form per quarter, respondent and format."""
    ok = submissions[submissions["status"] != "error"]
    return (ok.groupby(["triwulan", "jenis_responden", "kode_responden", "format"], as_index=False)
            .agg(diterima=("received_at", "min"), kiriman=("sha256", "nunique")))


def status(expected_forms: pd.DataFrame, submissions: pd.DataFrame, deadline_day: int,
           year: int) -> pd.DataFrame:
    """One row per respondent and quarter: formats expected and received, first and last
    arrival, deadline, status (Tepat waktu / Terlambat / Belum masuk) and completeness."""
    got = expected_forms.merge(arrivals(submissions), how="left",
                               on=["triwulan", "jenis_responden", "kode_responden", "format"])
    got["masuk"] = got["diterima"].notna()
    keys = ["periode", "triwulan", "jenis_responden", "kode_responden", "nama_responden"]
    out = got.groupby(keys, as_index=False).agg(
        formulir=("format", lambda s: ", ".join(sorted(s))),
        jumlah_formulir=("format", "size"), formulir_masuk=("masuk", "sum"),
        pertama=("diterima", "min"), terakhir=("diterima", "max"),
        kiriman=("kiriman", "sum"))
    missing = got[~got["masuk"]].groupby(keys)["format"].agg(lambda s: ", ".join(sorted(s)))
    out["formulir_kurang"] = out.set_index(keys).index.map(missing).fillna("")
    out["batas"] = pd.to_datetime([deadline(Period(year, int(q)), deadline_day)
                                   for q in out["triwulan"]])
    late = out["terakhir"] >= out["batas"] + pd.Timedelta(days=1)
    out["status"] = "Tepat waktu"
    out.loc[late.fillna(False).astype(bool), "status"] = "Terlambat"
    out.loc[out["formulir_masuk"] == 0, "status"] = "Belum masuk"
    out["lengkap"] = out["formulir_masuk"] == out["jumlah_formulir"]
    out["kiriman"] = out["kiriman"].fillna(0).astype(int)
    return out.sort_values(["triwulan", "status", "jenis_responden", "nama_responden"],
                           ignore_index=True)


def status_summary(st: pd.DataFrame) -> pd.DataFrame:
    """Per quarter: respondents, how many on time / late / missing, and the response rate."""
    counts = pd.crosstab(st["periode"], st["status"]).reindex(columns=list(STATUS), fill_value=0)
    out = counts.reset_index().rename_axis(None, axis=1)
    out["responden"] = out[list(STATUS)].sum(axis=1)
    out["lengkap"] = st.groupby("periode")["lengkap"].sum().reindex(out["periode"]).to_numpy()
    out["tingkat_respons"] = 100 * (out["Tepat waktu"] + out["Terlambat"]) / out["responden"]
    return out


# ---------------------------------------------------------------- completeness by OPD

def completeness_by_opd(packages: pd.DataFrame, period: Period, rows: dict[str, pd.DataFrame]
                        ) -> pd.DataFrame:
    """Per OPD (satker): packages the F5 and F8 forms asked about and how many have an accepted
    row — the share of the survey that actually came back, package by package."""
    parts = []
    for q in quarters(period):
        pk = resp.period_packages(packages, q)
        f5, _ = resp._listed(pk, c.PPK)
        for form, listed, table in (("F5", f5, "survei_penilaian_penyedia"),
                                    ("F8", pk[pk["kode_pokja"].notna()], "survei_pokja")):
            got = rows.get(table, pd.DataFrame(columns=["triwulan", "kode_paket"]))
            answered = set(got.loc[got["triwulan"] == q.quarter, "kode_paket"].astype(str))
            parts.append(pd.DataFrame({"nama_satker": listed["nama_satker"], "format": form,
                                       "terjawab": listed["kd_paket"].astype(str).isin(answered)}))
    if not parts:
        return pd.DataFrame(columns=["nama_satker", "paket_f5", "terjawab_f5", "paket_f8",
                                     "terjawab_f8", "kelengkapan"])
    all_ = pd.concat(parts, ignore_index=True)
    g = all_.groupby(["nama_satker", "format"])["terjawab"].agg(["size", "sum"]).unstack(
        fill_value=0)
    out = pd.DataFrame({"nama_satker": g.index})
    for form in ("F5", "F8"):
        size = g[("size", form)] if ("size", form) in g else 0
        done = g[("sum", form)] if ("sum", form) in g else 0
        out[f"paket_{form.lower()}"] = pd.Series(size, index=g.index).to_numpy().astype(int)
        out[f"terjawab_{form.lower()}"] = pd.Series(done, index=g.index).to_numpy().astype(int)
    total = out["paket_f5"] + out["paket_f8"]
    out["kelengkapan"] = 100 * (out["terjawab_f5"] + out["terjawab_f8"]) / total.where(total > 0)
    return out.sort_values(["kelengkapan", "nama_satker"], ignore_index=True)


# ---------------------------------------------------------------- action plans

def period_action_plans(reports: pd.DataFrame, period: Period) -> pd.DataFrame:
    """The action-plan reports (F4 survei_rencana_aksi rows of the period's year) the period's
    progress is read from: for a quarter, that quarter's reports; for a year, every quarter's."""
    return reports[reports["triwulan"] == period.quarter] if period.quarter else reports


def action_plan_progress(ra: pd.DataFrame, params) -> pd.DataFrame:
    """Per indicator and action plan, in the latest quarter reported: reports, mean percent done
    and how many respondents report each status."""
    plans = pd.DataFrame([{"kode_indikator": i.kode, "nama_indikator": i.nama,
                           "kode_rencana_aksi": r.kode, "uraian": r.uraian}
                          for i in params.indikator for r in i.rencana_aksi])
    cols = ["kode_indikator", "nama_indikator", "kode_rencana_aksi", "uraian", "triwulan",
            "laporan", "rata_persen", *c.STATUS_RENCANA_AKSI]
    if ra.empty:
        return pd.DataFrame(columns=cols)
    last = ra[ra["triwulan"] == ra.groupby("kode_rencana_aksi")["triwulan"].transform("max")]
    counts = pd.crosstab(last["kode_rencana_aksi"], last["status"]).reindex(
        columns=list(c.STATUS_RENCANA_AKSI), fill_value=0)
    agg = last.groupby("kode_rencana_aksi").agg(triwulan=("triwulan", "max"),
                                                laporan=("status", "size"),
                                                rata_persen=("persen_selesai", "mean"))
    out = plans.merge(agg.join(counts).reset_index(), on="kode_rencana_aksi", how="inner")
    return out[cols].sort_values(["kode_indikator", "kode_rencana_aksi"], ignore_index=True)


def progress_by_indicator(progress: pd.DataFrame) -> pd.DataFrame:
    """Per indicator: action plans reported, their mean percent done, and status counts."""
    if progress.empty:
        return pd.DataFrame(columns=["kode_indikator", "nama_indikator", "rencana_aksi",
                                     "rata_persen", *c.STATUS_RENCANA_AKSI])
    g = progress.groupby(["kode_indikator", "nama_indikator"], as_index=False)
    out = g.agg(rencana_aksi=("kode_rencana_aksi", "size"), rata_persen=("rata_persen", "mean"),
                **{s: (s, "sum") for s in c.STATUS_RENCANA_AKSI})
    return out


# ---------------------------------------------------------------- data quality

def rejections_by_reason(rejections: pd.DataFrame) -> pd.DataFrame:
    """Rejected cells (and unreadable files) per kind of mistake and format."""
    if rejections.empty:
        return pd.DataFrame(columns=["kategori", "jenis_kesalahan", "format", "jumlah", "berkas"])
    out = (rejections.assign(format=rejections["format"].fillna("–"))
           .groupby(["kategori", "format"], as_index=False)
           .agg(jumlah=("reason", "size"), berkas=("berkas", "nunique")))
    out.insert(1, "jenis_kesalahan", out["kategori"].map(KATEGORI).fillna(out["kategori"]))
    return out.sort_values(["jumlah", "kategori"], ascending=[False, True], ignore_index=True)


# ---------------------------------------------------------------- charts

def chart_status(summary: pd.DataFrame):
    """Respondents per quarter by collection status (stacked bars)."""
    import matplotlib.pyplot as plt


    charts.theme()
    colors = {"Tepat waktu": "#2e7d32", "Terlambat": "#f9a825", "Belum masuk": "#c62828"}
    fig, ax = plt.subplots(figsize=(7, 3.2))
    left = pd.Series(0, index=summary.index)
    labels = summary["periode"]
    for s in STATUS:
        ax.barh(labels, summary[s], left=left, color=colors[s], label=s)
        left = left + summary[s]
    ax.invert_yaxis()
    ax.set_xlabel("Jumlah responden")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.45), ncol=3, frameon=False)
    fig.tight_layout()
    return fig


def chart_progress(by_indicator: pd.DataFrame):
    """Mean percent done of the action plans per indicator."""
    import matplotlib.pyplot as plt


    charts.theme()
    fig, ax = plt.subplots(figsize=(7, 0.45 * max(len(by_indicator), 2) + 1))
    ax.barh(by_indicator["kode_indikator"], by_indicator["rata_persen"], color="#1f5f8b")
    for y, v in enumerate(by_indicator["rata_persen"]):
        ax.text(v, y, " " + fmt.persen(v, 0), va="center", fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 110)
    ax.set_xlabel("Rata-rata persen selesai rencana aksi (triwulan terakhir yang dilaporkan)")
    fig.tight_layout()
    return fig


def chart_rejections(by_reason: pd.DataFrame):
    """Rejections per kind of mistake."""
    import matplotlib.pyplot as plt


    charts.theme()
    per_kind = by_reason.groupby("jenis_kesalahan")["jumlah"].sum().sort_values()
    fig, ax = plt.subplots(figsize=(7, 0.4 * max(len(per_kind), 2) + 1))
    ax.barh(per_kind.index, per_kind.to_numpy(), color="#c62828")
    ax.set_xlabel("Jumlah penolakan")
    fig.tight_layout()
    return fig


# ---------------------------------------------------------------- forms for the next quarter

def next_forms(params, packages: pd.DataFrame, period: Period, out: Path) -> tuple[Period, list[Path], str]:
    """The blank F4/F5/F8 forms of the quarter after `period`, and a sentence saying how they
    were prefilled. Before that quarter's packages are in the register, the respondents of
    `period` get them, with open rows for the package codes."""
    nxt = next_period(period)
    if len(resp.respondents(resp.period_packages(packages, nxt))):
        files = writer.write_forms(params, packages, nxt, out)
        note = f"terisi paket {nxt.nama} dari register"
    else:
        files = writer.write_forms(params, packages, nxt, out, respondents_from=period)
        note = (f"register belum memuat paket {nxt.nama}: formulir disiapkan untuk responden "
                f"{period.nama} dengan baris kosong untuk kode paket; buat ulang dengan "
                f"`kinerja forms --period {nxt.label}` setelah register periode itu dimuat")
    return nxt, files, note


def next_forms_text(nxt: Period, files: list[Path], note: str) -> str:
    """What the stage wrote for the next quarter: forms per format and how they were prefilled."""
    counts = {k: sum(f.name.startswith(k + "_") for f in files) for k in ("F4", "F5", "F8")}
    return (f"{fmt.angka(len(files))} formulir {nxt.nama} di folder `formulir/` ({note}): "
            + ", ".join(f"{k} {fmt.angka(v)} berkas" for k, v in counts.items()) + ".")


def forms_on_request(period: Period, params_file: str | Path) -> str:
    """Why the next quarter's blank forms are not in this run, and the commands that make them."""
    nxt, shown = next_period(period), paths.shown(params_file)  # never an absolute path
    return (f"Formulir kosong Format 4, 5 dan 8 untuk {nxt.nama} tidak dibuat pada laporan ini "
            f"(dibuat atas permintaan). Buat dengan `kinerja run --params {shown} --formulir` "
            f"(atau `make report FORMULIR=1`), atau per triwulan dengan "
            f"`kinerja forms --params {shown} --period {nxt.label} --out FOLDER`.")
