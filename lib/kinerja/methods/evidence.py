"""Findings from the UKPBJ's own evidence (F15): rules that read its processes, not templates.
Each rule is a function of the period's rows of the SOP's methods (`failures.scope_rows`) or of a stage
result, with its threshold a parameter (the parameter file's `metode`) or a documented constant,
and returns findings (recommendations.finding) that name their packages, OPD or Pokja (by its
members' names) with the figures and say what to do:

- failed processes by kind (no offer, offers but no winner, other, cancelled), packages named;
- single bidders by jenis pengadaan and by method, the group against the rest;
- registrants against offers;
- winners' concentration: a few providers winning a large share of the contract value;
- OPD and Pokja compared with the rest on failure and single-bidder rates (methods.comparison,
  at least `metode.minimum_proses_banding` processes);
- contracts without a declared PDN/UMK value.

Each finding carries the rupiah it concerns (`nilai`: the pagu of the packages it names, or their
contract value where it is about contracts) and its number of packages, by which the report
orders the findings (recommendations.ordered).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.core import fmt
from kinerja.core.measures import CANCELLED, FAILURE_KINDS, MEASURES
from kinerja.methods import comparison
from kinerja.methods.failures import short_reason
from kinerja.methods.pokja import SINGLE_BIDDER_RED, pokja_codes
from kinerja.methods.pokja_text import named

NAMED = 3                      # packages, providers or groups a finding names (the rest counted)
PENAWAR_PER_PENDAFTAR = 0.20   # below this share of registrants making an offer: a finding
KONSENTRASI_PEMENANG = 3       # providers whose joint share of contract value is examined
KONSENTRASI_PORSI = 50.0       # ... a finding when they win at least this % of it
KONSENTRASI_MIN_KONTRAK = 10   # ... among at least this many contracts
GROUP_WORDS = {"jenis_pengadaan": "jenis pengadaan", "metode": "metode pemilihan"}


def finding(topik, temuan, rekomendasi, bukti, kode="", nilai=np.nan, paket=0, kewajaran=False,
            ringkas="", proses=()) -> dict:
    """One finding; `nilai` the rupiah it concerns, `paket` its packages, `kewajaran`: a KPI's
    status rests on implausible rows (the report puts it first), `ringkas`: the finding in one
    short sentence for the executive summary (its key figure and at most one name; `temuan`
    where it is short already), `proses`: the process codes it is about (a later finding about
    the very same processes says nothing new: recommendations.distinct)."""
    return {"kode": kode, "topik": topik, "temuan": temuan, "rekomendasi": rekomendasi, "bukti": bukti,
            "nilai": float(nilai) if pd.notna(nilai) else np.nan, "jumlah_paket": int(paket),
            "kewajaran": bool(kewajaran), "ringkas": ringkas or temuan, "proses": frozenset(proses)}



def quoted(name, code=None) -> str:
    """A package by its name in quotes; without a name, by its process code."""
    if isinstance(name, str) and name.strip():
        return f"“{' '.join(name.split())}”"
    return f"paket tanpa nama (kode {code})" if code is not None and pd.notna(code) else "paket tanpa nama"


def satker(name) -> str:
    return name if isinstance(name, str) and name.strip() else "satker tidak tercatat"


def packages_named(rows: pd.DataFrame, detail, limit: int = NAMED) -> str:
    """'“A” (OPD X, 93 pendaftar); “B” (…) dan 4 paket lainnya' for the first `limit` rows."""
    shown = [f"{quoted(r.nama_paket, getattr(r, 'kd_paket', None))} ({satker(r.nama_satker)}, {detail(r)})"
             for r in rows.head(limit).itertuples()]
    more = f" dan {fmt.angka(len(rows) - limit)} paket lainnya" if len(rows) > limit else ""
    return "; ".join(shown) + more


# --------------------------------------------------------------------------- failed processes

_FAILED_SHORT = {"tanpa_penawaran": "{n} dari {total} proses gagal tanpa satu penawaran pun{registered} (pagu {pagu}; "
                                    "antara lain {first}).",
                 "tanpa_pemenang": "{n} dari {total} proses gagal walaupun ada penawaran (pagu {pagu}; antara lain {first}).",
                 "lainnya": "{n} dari {total} proses gagal tanpa keterangan sebabnya (pagu {pagu}; antara lain {first}).",
                 CANCELLED: "{n} proses ditutup karena anggaran atau perubahan rencana (pagu {pagu})."}
_FAILED_TEXT = {
    "tanpa_penawaran": (
        "Tidak ada satu penawaran pun pada {n} dari {total} proses gagal{registered}: {names}.",
        "Tanyakan kepada penyedia yang mendaftar tetapi tidak menawar apa yang menghalangi (HPS, persyaratan "
        "kualifikasi, jadwal), lalu reviu HPS dan persyaratan paket itu bersama PPK sebelum diumumkan ulang."),
    "tanpa_pemenang": (
        "{n} dari {total} proses gagal walaupun ada penawaran (tidak ada penawar yang lulus evaluasi): {names}.",
        "Telaah berita acara evaluasi paket itu — persyaratan yang menggugurkan semua penawar dan kejelasan "
        "dokumen pemilihan — dan perbaiki sebelum diulang."),
    "lainnya": (
        "{n} dari {total} proses gagal tanpa keterangan yang menjelaskan sebabnya: {names}.",
        "Minta Pokja mencatat alasan gagal pada pengumuman SPSE, agar sebabnya dapat ditindaklanjuti."),
    CANCELLED: (
        "{n} proses ditutup karena anggaran atau perubahan rencana (bukan pemilihan gagal, tidak dihitung "
        "pada indikator): {names}.",
        "Pastikan ketersediaan anggaran dan kepastian rencana sebelum paket diumumkan, bersama pengelola "
        "anggaran dan PPK."),
}


def failed_by_kind(failed: pd.DataFrame) -> list[dict]:
    """One finding per kind of failed process (05_proses_gagal: failures.listing), its packages
    named — no offer: those with the most registrants first; no winner: the most offers first;
    cancelled: with the reason the announcement gives."""
    out = []
    total = int(failed["dihitung"].fillna(True).astype(bool).sum())
    for kind, (text, action) in _FAILED_TEXT.items():
        rows = failed[failed["jenis_gagal"] == kind]
        if rows.empty:
            continue
        if kind == "tanpa_penawaran":
            rows = rows.sort_values(["jumlah_pendaftar", "pagu"], ascending=False, na_position="last")
            most = rows["jumlah_pendaftar"].max()
            registered = (f", padahal paling banyak {fmt.angka(most)} penyedia mendaftar pada satu paket"
                          if pd.notna(most) and most > 0 else "")
            detail = lambda r: (f"{fmt.angka(r.jumlah_pendaftar)} pendaftar" if pd.notna(r.jumlah_pendaftar)
                                else "pendaftar tidak tercatat")
        elif kind == "tanpa_pemenang":
            rows, registered = rows.sort_values(["jumlah_peserta", "pagu"], ascending=False, na_position="last"), ""
            detail = lambda r: (f"{fmt.angka(r.jumlah_peserta)} penawaran" if pd.notna(r.jumlah_peserta)
                                else f"pagu {fmt.rupiah_singkat(r.pagu)}")
        else:
            rows, registered = rows.sort_values("pagu", ascending=False, na_position="last"), ""
            detail = lambda r: (f"“{short_reason(r.alasan)}”" if short_reason(r.alasan)
                                else f"pagu {fmt.rupiah_singkat(r.pagu)}")
        said = dict(n=fmt.angka(len(rows)), total=fmt.angka(total), registered=registered,
                    pagu=fmt.rupiah_singkat(rows["pagu"].sum()), first=quoted(rows["nama_paket"].iloc[0],
                                                                              rows["kd_paket"].iloc[0]))
        temuan = text.format(names=packages_named(rows, detail), **said)
        bukti = (f"Daftar proses gagal menurut jenisnya (bab Kinerja Pokja Pemilihan): {fmt.angka(len(rows))} "
                 f"proses {FAILURE_KINDS[kind]}, pagu {fmt.rupiah(rows['pagu'].sum())}; jenis ditetapkan dari "
                 f"daftar peserta SPSE dan keterangan penutupan pengumuman.")
        out.append(finding("Proses gagal", temuan, action, bukti, nilai=rows["pagu"].sum(), paket=len(rows),
                           ringkas=_FAILED_SHORT[kind].format(**said)))
    return out


# --------------------------------------------------------------------------- competition

def single_bidder_by_group(rows: pd.DataFrame, by: str, minimum: int, red: float = SINGLE_BIDDER_RED) -> list[dict]:
    """The jenis pengadaan (or method) whose tenders had a single bidder most often, when that
    share is above `red` (the EU Single Market Scoreboard's red zone, pokja.SINGLE_BIDDER_RED)
    and stands out against the other groups (comparison rule, at least `minimum` processes)."""
    group = rows[by].astype("string")
    table = comparison.rates(rows, group, "peserta_tunggal", minimum, lower_is_better=True)
    top = comparison.standing_out(table, 1)
    if top.empty or top["nilai"].iloc[0] <= red:
        return []
    g = top.iloc[0]
    mine = rows[(group == g["grup"]).fillna(False).to_numpy(bool)]
    counted = mine[MEASURES["peserta_tunggal"].compute(mine)[0].to_numpy(bool)]
    offers = lambda d: d["jumlah_peserta"].sum() / len(d) if len(d) else np.nan
    others = rows[(group != g["grup"]).fillna(True).to_numpy(bool)]
    others = others[MEASURES["peserta_tunggal"].compute(others)[0].to_numpy(bool)]
    single = counted[counted["jumlah_peserta"] == 1].sort_values("pagu", ascending=False, kind="stable")
    word = GROUP_WORDS[by]
    temuan = (f"Peserta tunggal pada {g['grup']}: "
              f"{comparison.value_text(g['nilai'], 'peserta_tunggal', g['pembilang'], g['penyebut'])} proses "
              f"tender hanya menerima satu penawaran, dibanding "
              f"{comparison.value_text(g['nilai_lain'], 'peserta_tunggal', g['pembilang_lain'], g['penyebut_lain'])}"
              f" pada {word} lainnya; rata-rata {fmt.angka(offers(counted), 1)} penawaran per tender "
              f"({fmt.angka(offers(others), 1)} lainnya). Paket berpeserta tunggal terbesar: "
              f"{packages_named(single, lambda r: f'pagu {fmt.rupiah_singkat(r.pagu)}')}.")
    listed = "; ".join(f"{r.grup} {comparison.value_text(r.nilai, 'peserta_tunggal', r.pembilang, r.penyebut)}"
                       for r in table.sort_values("nilai", ascending=False).itertuples())
    bukti = (f"Peserta tunggal per {word} (proses tender yang sudah diputuskan dengan paling sedikit satu "
             f"penawaran; {word} dengan sedikitnya {fmt.angka(minimum)} proses): {listed}.")
    action = (f"Reviu persyaratan kualifikasi, spesifikasi dan jangka waktu penawaran paket {g['grup']} sebelum "
              f"diumumkan, dan umumkan rencana tendernya lebih awal agar lebih banyak penyedia bersiap.")
    short = (f"Peserta tunggal pada {g['grup']} "
             f"{comparison.value_text(g['nilai'], 'peserta_tunggal', g['pembilang'], g['penyebut'])}, {word} lainnya "
             f"{fmt.persen(g['nilai_lain'])}.")
    return [finding("Persaingan", temuan, action, bukti, nilai=single["pagu"].sum(), paket=len(single), ringkas=short,
                    proses=single["kd_paket"])]


def registrants_without_offers(rows: pd.DataFrame, minimum: int, share: float = PENAWAR_PER_PENDAFTAR) -> list[dict]:
    """Decided tenders with a bidder list: registrants per tender against offers, when fewer
    than `share` of the registrants made an offer (over at least `minimum` processes); the
    tenders with the widest gap named."""
    t = rows[rows["kd_tender"].notna().to_numpy(bool) & rows["jumlah_pendaftar"].fillna(0).gt(0).to_numpy(bool)
             & (rows["menang"] | rows["gagal"]).fillna(False).to_numpy(bool)]
    if len(t) < minimum:
        return []
    reg, off = float(t["jumlah_pendaftar"].sum()), float(t["jumlah_peserta"].fillna(0).sum())
    if off / reg >= share:
        return []
    low = t[(t["jumlah_peserta"].fillna(0) < share * t["jumlah_pendaftar"]).to_numpy(bool)]
    widest = low.assign(_gap=low["jumlah_pendaftar"] - low["jumlah_peserta"].fillna(0)).sort_values(
        ["_gap", "pagu"], ascending=False, kind="stable")
    detail = lambda r: (f"{fmt.angka(r.jumlah_pendaftar)} pendaftar, "
                        f"{fmt.angka(0 if pd.isna(r.jumlah_peserta) else r.jumlah_peserta)} penawaran")
    temuan = (f"Rata-rata {fmt.angka(reg / len(t), 1)} penyedia mendaftar per proses tender, tetapi hanya "
              f"{fmt.angka(off / len(t), 1)} yang memasukkan penawaran ({fmt.persen(100 * off / reg, 1)} pendaftar "
              f"menawar), atas {fmt.angka(len(t))} proses tender yang sudah diputuskan. Selisih terbesar: "
              f"{packages_named(widest, detail)}.")
    bukti = (f"Daftar peserta SPSE: {fmt.angka(reg)} pendaftar dan {fmt.angka(off)} penawaran pada "
             f"{fmt.angka(len(t))} proses; {fmt.angka(len(low))} proses dengan kurang dari "
             f"{fmt.persen(100 * share, 0)} pendaftar menawar (pagu {fmt.rupiah(low['pagu'].sum())}).")
    action = ("Tanyakan kepada pendaftar yang tidak menawar apa penghalangnya (survei singkat atau temu "
              "penyedia) dan periksa HPS, persyaratan dan jangka waktu penawaran paket dengan selisih terbesar.")
    short = (f"Rata-rata {fmt.angka(reg / len(t), 1)} pendaftar per tender, tetapi hanya {fmt.angka(off / len(t), 1)} "
             f"penawaran ({fmt.persen(100 * off / reg, 1)} pendaftar menawar).")
    return [finding("Persaingan", temuan, action, bukti, nilai=low["pagu"].sum(), paket=len(low), ringkas=short,
                    proses=low["kd_paket"])]


def winners_concentration(rows: pd.DataFrame, top: int = KONSENTRASI_PEMENANG, share: float = KONSENTRASI_PORSI,
                          minimum: int = KONSENTRASI_MIN_KONTRAK) -> list[dict]:
    """The `top` providers by contract value, when they win at least `share` % of the contract
    value of the SOP's methods among at least `minimum` contracts (and more providers won)."""
    won = rows[(rows["proses_terakhir"] & rows["menang"]).fillna(False).to_numpy(bool)
               & rows["nilai_kontrak"].gt(0).fillna(False).to_numpy(bool)]
    who = won["npwp_penyedia"].astype("string").fillna(won["nama_penyedia"].astype("string").str.upper().str.strip())
    won = won.assign(_who=who.to_numpy())
    won = won[won["_who"].notna().to_numpy(bool)]
    if len(won) < minimum:
        return []
    per = won.groupby("_who").agg(nama=("nama_penyedia", "first"), kontrak=("nilai_kontrak", "size"),
                                  nilai=("nilai_kontrak", "sum"))
    per = per.sort_values(["nilai", "nama"], ascending=[False, True], kind="stable")
    if len(per) <= top:
        return []
    lead, total = per.head(top), won["nilai_kontrak"].sum()
    part = 100 * lead["nilai"].sum() / total
    if part < share:
        return []
    names = "; ".join(f"{r.nama} ({fmt.angka(r.kontrak)} kontrak, {fmt.rupiah_singkat(r.nilai)})"
                      for r in lead.itertuples())
    temuan = (f"{fmt.kata(top)} penyedia memenangkan {fmt.persen(part, 1)} nilai kontrak metode SOP "
              f"({fmt.rupiah_singkat(lead['nilai'].sum())} dari {fmt.rupiah_singkat(total)}; "
              f"{fmt.angka(int(lead['kontrak'].sum()))} dari {fmt.angka(len(won))} kontrak): {names}.")
    bukti = (f"Hasil pemilihan (pemenang dan nilai kontrak paket yang selesai): {fmt.angka(len(per))} penyedia "
             f"pemenang, {fmt.angka(len(won))} kontrak senilai {fmt.rupiah(total)}.")
    action = ("Telaah paket yang dimenangkan penyedia tersebut: apakah persyaratan, spesifikasi atau "
              "penggabungan paket membatasi persaingan; perluas penjajakan pasar dan pengumuman rencana pengadaan.")
    short = (f"{fmt.kata(top)} penyedia memenangkan {fmt.persen(part, 1)} nilai kontrak metode SOP: "
             + ", ".join(str(n) for n in lead["nama"]) + ".")
    return [finding("Konsentrasi pemenang", temuan, action, bukti, nilai=lead["nilai"].sum(),
                    paket=int(lead["kontrak"].sum()), ringkas=short)]


# --------------------------------------------------------------------------- OPD and Pokja

_COMPARED = {"tender_gagal": ("Tender gagal", "proses yang sudah diputuskan gagal"),
             "peserta_tunggal": ("Peserta tunggal", "proses tender hanya menerima satu penawaran")}
_GROUP_ACTION = {
    ("opd", "tender_gagal"): ("Bahas bersama {who} kesiapan dokumen persiapan (spesifikasi, HPS, rancangan "
                              "kontrak) paketnya sebelum diserahkan kepada Pokja."),
    ("opd", "peserta_tunggal"): "Reviu persyaratan dan spesifikasi paket {who} bersama PPK-nya sebelum pengumuman.",
    ("pokja", "tender_gagal"): ("Bahas bersama Koordinator Pokja dan {who} sebab kegagalan pada paket yang "
                                "ditanganinya; bila perlu dampingi penyusunan dokumen pemilihan."),
    ("pokja", "peserta_tunggal"): ("Bahas bersama Koordinator Pokja dan {who} persyaratan yang ditetapkan pada "
                                   "paket yang ditanganinya."),
}


def _pokja_groups(rows: pd.DataFrame) -> pd.Series:
    """Each process's Pokja by its members' names (the group is its members' NIP)."""
    code = pokja_codes(rows["nip_pokja"]) if "nip_pokja" in rows else pd.Series(pd.NA, index=rows.index)
    names = rows["nama_pokja"].astype("string").groupby(code.to_numpy()).transform("first")
    return pd.Series(np.where(code.notna().to_numpy(bool), names.map(named).to_numpy(object), None),
                     index=rows.index, dtype="object")


def groups_standing_out(rows: pd.DataFrame, kind: str, minimum: int, limit: int = NAMED,
                        skip: set = frozenset()) -> list[dict]:
    """OPD (`kind` 'opd') or Pokja ('pokja') whose failure or single-bidder rate is worse than
    the rest of the UKPBJ's by the comparison rule, among those with at least `minimum` counted
    processes; one finding per measure (but those in `skip`: said with their indicator), naming
    at most `limit` groups."""
    group = (rows["nama_satker"].astype("string") if kind == "opd" else _pokja_groups(rows))
    who_word = "OPD" if kind == "opd" else "Pokja"
    out = []
    for ukuran, (label, what) in _COMPARED.items():
        if ukuran in skip:
            continue
        table = comparison.rates(rows, group, ukuran, minimum, lower_is_better=True)
        shown = comparison.standing_out(table, limit)
        if shown.empty:
            continue
        parts = "; ".join(f"{r.grup}: {comparison.value_text(r.nilai, ukuran, r.pembilang, r.penyebut)}, "
                          f"{who_word} lain {fmt.persen(r.nilai_lain)}" for r in shown.itertuples())
        temuan = f"{label} jauh di atas {who_word} lain ({what}): {parts}."
        mine = rows[group.isin(shown["grup"]).fillna(False).to_numpy(bool)]
        counted = mine[MEASURES[ukuran].compute(mine)[1].gt(0).to_numpy(bool)]  # its failed / single-bid ones
        bukti = (f"{label} per {who_word} dengan sedikitnya {fmt.angka(minimum)} proses yang dihitung "
                 f"({fmt.angka(len(table))} {who_word} dibandingkan); dibandingkan dengan semua proses {who_word} "
                 f"lain digabung; {who_word} dengan lebih sedikit proses tidak dinilai.")
        who = shown["grup"].iloc[0] if len(shown) == 1 else f"{who_word} tersebut"
        first = shown.iloc[0]
        more = f" dan {fmt.angka(len(shown) - 1)} {who_word} lain" if len(shown) > 1 else ""
        short = (f"{label} {first['grup']} {comparison.value_text(first['nilai'], ukuran, first['pembilang'], first['penyebut'])}"
                 f", {who_word} lain {fmt.persen(first['nilai_lain'])}{more}.")
        out.append(finding(f"Kinerja {who_word}", temuan, _GROUP_ACTION[(kind, ukuran)].format(who=who), bukti,
                           nilai=counted["pagu"].sum(), paket=counted["id_paket"].nunique(), ringkas=short,
                           proses=counted["kd_paket"]))
    return out


# --------------------------------------------------------------------------- declared values

def contracts_without_declared_value(rows: pd.DataFrame) -> list[dict]:
    """Contracts of the SOP's methods without a declared PDN or UMK value in the selection result
    or e-Kontrak (not counted in those shares, never as 0), the largest named."""
    signed = rows[(rows["proses_terakhir"] & rows["menang"]).fillna(False).to_numpy(bool)
                  & rows["nilai_kontrak"].gt(0).fillna(False).to_numpy(bool)]
    pdn, umk = signed["nilai_pdn_kontrak"].isna(), signed["nilai_umk_kontrak"].isna()
    lacking = signed[(pdn | umk).to_numpy(bool)].sort_values("nilai_kontrak", ascending=False)
    if lacking.empty:
        return []
    pairs = (("PDN maupun UMK", pdn),) if pdn.equals(umk) else (("PDN", pdn), ("UMK", umk))
    parts = [f"{fmt.angka(int(m.sum()))} tanpa nilai {x}: {fmt.rupiah_singkat(signed.loc[m, 'nilai_kontrak'].sum())}"
             for x, m in pairs if m.any()]
    temuan = (f"{fmt.angka(len(lacking))} dari {fmt.angka(len(signed))} kontrak metode SOP tidak menyatakan nilai "
              f"PDN atau UMK di hasil pemilihan maupun e-Kontrak ({'; '.join(parts)}), sehingga tidak dihitung "
              f"dalam porsi PDN/UMK: {packages_named(lacking, lambda r: f'kontrak {fmt.rupiah_singkat(r.nilai_kontrak)}')}.")
    bukti = (f"Hasil pemilihan SPSE dan kontrak e-Kontrak: {fmt.angka(len(lacking))} kontrak senilai "
             f"{fmt.rupiah(lacking['nilai_kontrak'].sum())} tanpa nilai yang dinyatakan.")
    action = ("Minta PPK melengkapi nilai PDN (TKDN) dan UMK kontrak tersebut di e-Kontrak, lalu susun ulang "
              "laporan; sampai lengkap, porsi PDN/UMK hanya mencerminkan kontrak yang nilainya diketahui.")
    short = (f"{fmt.angka(len(lacking))} dari {fmt.angka(len(signed))} kontrak metode SOP "
             f"({fmt.rupiah_singkat(lacking['nilai_kontrak'].sum())}) tanpa nilai PDN atau UMK, tidak dihitung dalam "
             f"porsi PDN/UMK.")
    return [finding("Data PDN/UMK", temuan, action, bukti, nilai=lacking["nilai_kontrak"].sum(), paket=len(lacking),
                    ringkas=short)]
