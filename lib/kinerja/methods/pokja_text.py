"""Sentences of the Pokja evaluation (stage 05, F9–F11 headers, F15): which source the figures
come from (Format 8 or the register), the summary against the targets, and how to collect F8;
the headings of stage 05's recap tables and what their cells say where only F8 has the figure."""

from __future__ import annotations

import pandas as pd

from kinerja.core import fmt
from kinerja.core.config import Parameters
from kinerja.core.periods import Period
from kinerja.methods import indicators
from kinerja.methods.pokja import (
    BASE,
    F8_ONLY,
    FROM_FORM,
    MISSING,
    NO_POKJA,
    RECAP_FORMATS,
    RECAP_HEADINGS,
    SHOWN,
    SINGLE_BIDDER_GREEN,
    SINGLE_BIDDER_RED,
    known,
    single_bidder_band,
)

# Stage 05's recap tables (F9–F11 views): the measures shown with their headings, and what a cell
# says where only Format 8 gives the figure and no F8 row came back.
SHOWN_HEADINGS = {k: RECAP_HEADINGS[k] for k in SHOWN}
F8_MISSING = {k: MISSING for k in F8_ONLY}


def named(nama_pokja) -> str:
    """A Pokja as people know it, by its members' names ('Pokja Ani; Budi; Citra'): the code
    PK-… (from their NIP) stays in the team's F9–F11 workbooks."""
    if not isinstance(nama_pokja, str) or not nama_pokja.strip():
        return "Pokja (anggota tidak tercatat)"
    return "Pokja " + "; ".join(n.strip() for n in nama_pokja.split(";") if n.strip())


def total_caption(total: pd.DataFrame) -> str:
    """source_summary for the whole UKPBJ: the last row of the F11 total (pokja.total)."""
    last = total.iloc[-1]
    return source_summary(last["jumlah_proses"], last["proses_f8"])


def source_summary(processes: int, with_form: int) -> str:
    """One sentence (plain text) on where the figures of `processes` processes come from, when
    `with_form` of them have an F8 row: for F9–F11 headers and the report (F15)."""
    processes, with_form = int(processes), int(with_form)
    if not processes:
        return ("Sumber data: register paket; tidak ada proses tender/seleksi yang selesai atau "
                "gagal pada periode ini.")
    if not with_form:
        return (f"Sumber data: register paket (SPSE) untuk semua {fmt.angka(processes)} proses; "
                f"Formulir Kinerja Pokja (Format 8) belum kembali, sehingga sanggahan dan catatan "
                f"Pokja: {MISSING.lower()}.")
    if with_form == processes:
        return (f"Sumber data: Formulir Kinerja Pokja (Format 8) untuk semua "
                f"{fmt.angka(processes)} proses; isian yang kosong dilengkapi dari register paket.")
    return (f"Sumber data: Formulir Kinerja Pokja (Format 8) untuk {fmt.angka(with_form)} dari "
            f"{fmt.angka(processes)} proses (isian kosong dilengkapi register); "
            f"{fmt.angka(processes - with_form)} proses lainnya dari register paket, sanggahan dan "
            f"catatan Pokjanya: {MISSING.lower()}.")


# Where the team finds how Format 8 is collected (the commands are in that stage's report only).
F8_HOW = ("Format 8 dikumpulkan dari setiap Pokja pada Survei Teknis triwulanan; cara "
          "pelaksanaannya tercantum pada laporan tahap Survei Teknis")


def source_note(p: pd.DataFrame, period: Period, source: str = "") -> str:
    """The stage report's paragraph (Markdown) on which source was used: the F8 rows (and from
    where), the register for processes without them, what is missing, and how F8 is collected."""
    n = len(p)
    form = int(p["sumber"].eq(FROM_FORM).sum())
    outside = int((~p["wajib"]).sum())
    unknown = int(p["kode_pokja"].isna().sum())
    packages = p.loc[p["wajib"], "id_paket"].nunique()
    scope = (f"{fmt.angka(n - outside)} proses tender/seleksi ({fmt.angka(packages)} paket SPSE) "
             f"yang menurut register selesai atau gagal pada {period.nama}")
    if not form:
        text = (f"**Formulir Kinerja Pokja (Format 8) untuk {period.nama} belum kembali** (tidak "
                f"ada baris Format 8 di basis data maupun di folder survei). Semua angka di bawah "
                f"dihitung dari register paket: {scope}, dikelompokkan per Pokja menurut anggota "
                f"Pokja pada pengumuman tender. Sanggahan dan catatan Pokja hanya dilaporkan pada "
                f"Format 8, sehingga tertulis *{MISSING}* (bukan 0). {F8_HOW}.")
    else:
        text = (f"Sumber data: Formulir Kinerja Pokja (Format 8, {source}) untuk "
                f"{fmt.angka(form)} dari {fmt.angka(n)} proses; isian yang kosong dilengkapi dari "
                f"register paket. Proses yang dievaluasi: {scope}")
        if outside:
            text += (f", ditambah {fmt.angka(outside)} proses yang dilaporkan Pokja pada Format 8 "
                     f"tetapi tidak tercatat selesai/gagal di register tahun ini")
        text += ". Setiap proses dihitung sekali: baris Format 8 melengkapi proses register dengan kode paket yang sama."
        if form < n:
            text += (f" {fmt.angka(n - form)} proses tanpa Format 8 dihitung dari register; "
                     f"sanggahan dan catatan Pokjanya *{MISSING}* ({F8_HOW}).")
    if unknown:
        text += (f" {fmt.angka(unknown)} proses tidak menyebut Pokja (tidak ada di Format 8 dan "
                 f"pengumumannya tanpa NIP anggota Pokja di register, mis. dataset "
                 f"SPSE-TenderPengumuman yang belum lengkap): dihitung pada baris *{NO_POKJA}* tanpa "
                 f"peringkat.")
    return text


def summary_text(p: pd.DataFrame, totals: pd.DataFrame, ranked: pd.DataFrame, params: Parameters,
                 period: Period) -> str:
    """The stage report's summary (Markdown): the UKPBJ's figures over the period's processes,
    against the targets of the parameter file where the indicator is in its catalogue. `totals`
    is `total(p)`, `ranked` is `per_pokja(p)`."""
    if not len(p):
        return (f"Tidak ada proses tender/seleksi yang selesai atau gagal pada {period.nama} di "
                f"register paket, dan tidak ada baris Format 8: belum ada yang dapat direkap.")
    t = totals.iloc[-1]
    target = indicators.by_measure(params.indikator)
    text = (f"**{fmt.teks(params.ukpbj.nama)}** — {period.nama}: **{fmt.angka(t.jumlah_proses)} proses** "
            f"tender/seleksi ({fmt.angka(t.jumlah_paket)} paket) yang ditangani "
            f"{fmt.angka(t.jumlah_pokja)} Pokja")
    unknown = int(p["kode_pokja"].isna().sum())
    if unknown:
        text += f" ({fmt.angka(unknown)} proses tanpa Pokja tercatat)"
    text += (f". Rata-rata durasi pemilihan **{fmt.angka(t.durasi_pemilihan, 1)} hari** (median "
             f"{fmt.angka(p['durasi_hari'].median(), 0)} hari)")
    if "durasi_pemilihan" in target:
        i = target["durasi_pemilihan"]
        text += f", target {i.kode} ≤ {fmt.angka(i.target, 0)} hari"
    text += (f"; **{fmt.persen(t.pemilihan_tepat_waktu)}** pemenang ditetapkan paling lambat pada "
             f"jadwal akhir pemilihan")
    if "pemilihan_tepat_waktu" in target:
        i = target["pemilihan_tepat_waktu"]
        text += f" (target {i.kode}: {fmt.persen(i.target)})"
    text += (f". Tender gagal {fmt.persen(t.tender_gagal)} dari proses ({fmt.angka(t.proses_gagal)} "
             f"proses); tender ulang {fmt.persen(t.tender_ulang)} dari paket "
             f"({fmt.angka(t.paket_ulang)} paket; {fmt.persen(t.tender_ulang_proses)} dari proses). ")
    band = single_bidder_band(t.peserta_tunggal)
    if band:
        text += (f"Rata-rata {fmt.angka(t.rata_peserta, 1)} peserta per tender; peserta tunggal "
                 f"{fmt.persen(t.peserta_tunggal)} — pada acuan EU Single Market Scoreboard (hijau ≤ "
                 f"{fmt.persen(SINGLE_BIDDER_GREEN, 0)}, merah > {fmt.persen(SINGLE_BIDDER_RED, 0)}) "
                 f"posisinya **{band}**. ")
    else:
        text += "Jumlah peserta: belum ada data penawaran (SPSE-PesertaTender) untuk proses ini. "
    if pd.notna(t.jumlah_sanggahan):
        text += (f"Tercatat {fmt.angka(t.jumlah_sanggahan)} sanggahan pada "
                 f"{fmt.angka(t.paket_disanggah)} proses (dari {fmt.angka(t.proses_f8)} proses "
                 f"dengan Format 8). ")
    else:
        text += f"Sanggahan: *{MISSING}* (hanya dari Format 8). "
    text += f"Efisiensi terhadap HPS {fmt.persen(t.efisiensi_hps)}."
    ranked_known = known(ranked)
    if len(ranked_known):
        top = ranked_known.iloc[0]
        text += (f" Peringkat gabungan teratas: {fmt.teks(named(top.nama_pokja))} "
                 f"({fmt.angka(top.jumlah_proses)} proses).")
    return text


def schedule_text(ranked: pd.DataFrame) -> str:
    """The Pokja with the longest mean selection duration and the range of on-time shares."""
    d = known(ranked).dropna(subset=["durasi_pemilihan"])
    if d.empty:
        return "Belum ada Pokja dengan proses yang pemenangnya sudah ditetapkan."
    slow = d.loc[d["durasi_pemilihan"].idxmax()]
    text = (f"Durasi rata-rata terpanjang ada pada {fmt.teks(named(slow.nama_pokja))} "
            f"({fmt.angka(slow.durasi_pemilihan, 1)} hari, {fmt.angka(slow.jumlah_proses)} proses)")
    on_time = known(ranked)["pemilihan_tepat_waktu"].dropna()
    if len(on_time):
        text += (f"; ketepatan jadwal antar-Pokja berkisar {fmt.persen(on_time.min())}–"
                 f"{fmt.persen(on_time.max())} (atas {fmt.angka(len(on_time))} Pokja yang prosesnya "
                 f"berjadwal)")
    return text + "."


def protest_note(totals: pd.DataFrame, objected: pd.DataFrame, period: Period) -> str:
    """What the stage says about objections when it shows no table of them: Format 8 has not
    come back (objections are reported only there), or no process had one; '' when `objected`
    (pokja.protested) has rows to show. `totals` is `total(p)`."""
    with_form = totals.iloc[-1].proses_f8
    if not with_form:
        return (f"Sanggahan: *{MISSING}*. Jumlah sanggahan hanya dilaporkan Pokja pada Format 8, "
                f"yang belum kembali untuk {period.nama}.")
    if len(objected):
        return ""
    return f"Tidak ada sanggahan yang dilaporkan pada Format 8 ({fmt.angka(with_form)} proses)."


# --------------------------------------------------------------------------- report (F15)

# The per-Pokja columns of F15 (notebook and .docx): column -> heading, and their formats.
POKJA_COLUMNS = {"peringkat": "Peringkat", "nama_pokja": "Anggota Pokja", "jumlah_proses": "Proses",
                 "durasi_pemilihan": "Durasi (hari)", "pemilihan_tepat_waktu": "Tepat waktu",
                 "tender_gagal": "Tender gagal", "tender_ulang": "Tender ulang",
                 "peserta_tunggal": "Peserta tunggal", "efisiensi_hps": "Efisiensi HPS",
                 "jumlah_sanggahan": "Sanggahan"}
POKJA_FORMATS = {c: RECAP_FORMATS[c] for c in POKJA_COLUMNS if c in RECAP_FORMATS}
POKJA_MISSING = {"nama_pokja": NO_POKJA, **F8_MISSING}


def pokja_section(results: dict[str, pd.DataFrame], top: int = 15) -> tuple[pd.DataFrame, str, str]:
    """The per-Pokja view of F15 from stage 05's results (05_pokja, 05_total): the `top` Pokja
    of the combined rank (all of them when fewer) and the row of processes without a known
    Pokja; the sentence naming the source (Format 8 or the register) and the processes the
    recaps count (pokja.BASE: decided tender/seleksi processes by award quarter, labelled as
    another base than the indicators'), and the table's caption."""
    ranked = results["05_pokja"]
    named = known(ranked)
    unknown = ranked[ranked["kode_pokja"].isna()]
    table = pd.concat([named.head(top), unknown], ignore_index=True)
    caption = (f"{fmt.angka(min(top, len(named)))} Pokja dengan peringkat gabungan teratas dari "
               f"{fmt.angka(len(named))} Pokja" if len(named) > top else
               f"Semua {fmt.angka(len(named))} Pokja, urut peringkat gabungan")
    if len(unknown):
        caption += (f"; baris {NO_POKJA}: {fmt.angka(unknown['jumlah_proses'].sum())} proses "
                    f"yang Pokjanya tidak tercantum di register maupun Format 8")
    caption += "; tabel lengkap dengan anggota setiap Pokja di Format 9."
    return table, f"{total_caption(results['05_total'])} {BASE}", caption
