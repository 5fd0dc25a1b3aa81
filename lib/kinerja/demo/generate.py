"""Demo package register: a deterministic, realistic SiRUP / SPSE / e-Kontrak export for
Pemerintah Provinsi Kalimantan Timur (Biro Pengadaan Barang/Jasa Setda Prov. Kaltim).

generate() writes one CSV per dataset kind and fiscal year (year-1 and year) with exactly the
column names of schemas.py, so the demo loads the same way as a real LKPP export. The values
copy the shapes of the real export (methodology.md §5, data/lkpp-isb-sample): floats with
optional cents, 'YYYY-MM-DD HH:MM:SS' dates, dotted SIPD satker codes, 11-digit kd_tender
ending in 000, ';'-joined Pokja members. A few cells are deliberately messy (Rupiah text,
Indonesian dates) because real exports are.

Everything is vectorised over packages with one numpy Generator(PCG64) stream per year, so the
same arguments give byte-identical files and a million packages a year is fine. OPD names and
satker code style are real; people and companies are fictional. The reference data is in
`reference`, the draws and the export's text shapes in `draws`, the staff and providers in
`pools`, the CSV writer in `csv_writer`; the context datasets of the report's coverage chapter
(pencatatan, e-Katalog, Toko Daring, swakelola, budget) in `demo_context`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.demo import demo_context, demo_forms, demo_kepuasan, demo_penyedia
from kinerja.demo.csv_writer import DATE_FORMAT, write_csv
from kinerja.demo.draws import (choose_by, clock, codes, day_of, first_day, indonesian_date,
                                last_day, lognormal, money, month_of, normalised, round_money,
                                rupiah_text, stream, strs, take, timestamps, workday, zipf)
from kinerja.demo.pools import provider_pool, staff_pool
from kinerja.demo.reference import (BARANG, BOOST, BUILD, CEPAT, DIKECUALIKAN, GOODS, JENIS,
                                    JENIS_MIX, KAB, KONSTRUKSI, KONSULTANSI, METHODS, OPD, OPD_ROWS,
                                    OTHER_MONTHS, PAGU_JENIS, PAGU_METHOD, PENUNJUKAN, PL, ROMAN,
                                    RS_SERVICES, RUAS, SELEKSI, SERVICES, SHARES, STUDY, TENDER,
                                    TENDER_MONTHS)
from kinerja.inputs import packages, register, store
from kinerja.inputs.schemas import BY_KIND

# the SOP's datasets, then the context of the report's coverage chapter (demo_context)
KINDS = ("rup", "tender", "tender_hasil", "nontender", "peserta", "kontrak", "bast") + demo_context.KINDS
EVENT_DATE = "{year}-01-31"  # the data date of a demo year: the end of January after it
MAX_PACKAGES = 4_000_000  # 8-digit kd_rup and the code ranges below hold this many a year


# --------------------------------------------------------------------------- one fiscal year


def _packages(rng, y: int, n: int, later: bool) -> dict:
    """All packages of a year as arrays, one element per package."""
    better = 1.0 if later else 0.0  # the later year is a little better on most KPIs
    method = rng.choice(len(METHODS), size=n, p=normalised(SHARES))
    jenis = choose_by(rng, JENIS_MIX, method)
    by_jenis = np.array([[w * BOOST[prof][j] for *_, w, prof in OPD_ROWS] for j in range(4)])
    opd = choose_by(rng, by_jenis, jenis)

    med = PAGU_METHOD[method, 0] * PAGU_JENIS[jenis, 0]
    hi = np.minimum(PAGU_METHOD[method, 3], PAGU_JENIS[jenis, 1])
    hi = np.where((method == PL) & (jenis == KONSULTANSI), 1e8, hi)
    pagu = lognormal(rng, med, PAGU_METHOD[method, 1], PAGU_METHOD[method, 2], hi)
    unit = np.where((pagu >= 1e8) & (rng.random(n) < 0.5), 1e6, 1e3)
    pagu = np.maximum(np.round(pagu / unit) * unit, 1e3)

    tender = method <= CEPAT
    nontender = (method == PENUNJUKAN) | (method == PL)
    start, end = day_of(f"{y}-01-01"), day_of(f"{y + 1}-01-01")  # end: first day after the year
    firsts = first_day(month_of(start) + np.arange(13))
    month = np.where(tender, rng.choice(12, n, p=normalised(TENDER_MONTHS)),
                     rng.choice(12, n, p=normalised(OTHER_MONTHS)))
    days_in_month = firsts[month + 1] - firsts[month]
    announce = firsts[month] + (rng.random(n) * days_in_month).astype(np.int64)

    # A repeated tender (versi 2, sometimes 3) is announced again weeks after the failed one.
    r = rng.random(n)
    versi = np.where(tender & (r < 0.11 - 0.03 * better), 2, 1)
    versi = np.where(tender & (r < 0.015), 3, versi)
    announce = announce + (versi - 1) * rng.integers(20, 45, n)
    announce = workday(np.clip(announce, start + 5, end - 1))

    # Days from announcement to award: Seleksi longest, Tender Cepat and non-tender short.
    speed = 1.0 - 0.08 * better
    base = np.select([method == TENDER, method == SELEKSI, method == CEPAT, method == PENUNJUKAN],
                     [12, 25, 10, 4], 1)
    spread = np.select(
        [method == TENDER, method == SELEKSI, method == CEPAT, method == PENUNJUKAN],
        [rng.lognormal(np.log(16), 0.45, n), rng.lognormal(np.log(20), 0.45, n),
         rng.uniform(0, 15, n), rng.uniform(0, 17, n)], rng.uniform(0, 9, n))
    award = workday(announce + np.minimum(base + np.round(spread * speed).astype(np.int64), 90))

    # Status as exported on 10 December: not yet awarded by then -> Berlangsung.
    ongoing = (tender | nontender) & (award >= end - 22)
    fail_p = np.where(tender, 0.095 - 0.02 * better, 0.03 - 0.01 * better)
    failed = (tender | nontender) & ~ongoing & (rng.random(n) < fail_p)
    done = (tender | nontender) & ~ongoing & ~failed

    # RUP plan, month-granular like SiRUP; ~80% of awards fall within the planned months.
    lead = np.where(tender | nontender, announce - rng.integers(0, 30, n),
                    firsts[month] + rng.integers(0, 28, n))
    plan_start = np.maximum(month_of(lead), month_of(start))
    on_time = rng.random(n) < 0.76 + 0.06 * better
    planned = np.select([method == SELEKSI, tender], [2, 1], 0) + rng.integers(0, 2, n)
    plan_end = np.where(done & on_time, month_of(award + rng.integers(0, 21, n)),
                        np.where(done, month_of(award) - rng.integers(1, 3, n),
                                 plan_start + planned))
    plan_end = np.clip(plan_end, month_of(start), month_of(end - 1))
    plan_start = np.minimum(plan_start, plan_end)
    plan_contract = np.minimum(plan_end + 1, month_of(end - 1))
    months = np.select([jenis == KONSTRUKSI, jenis == KONSULTANSI, jenis == BARANG],
                       [rng.integers(3, 8, n), rng.integers(2, 6, n), rng.integers(1, 4, n)],
                       rng.integers(1, 12, n))
    plan_contract_end = np.minimum(plan_contract + months, month_of(end - 1))

    # Values: HPS 95-100% of pagu, contract 80-99% of HPS (tenders cut deeper than direct awards).
    hps = round_money(rng, pagu * (1 - 0.05 * rng.beta(1, 2.5, n)), 0.35)
    cut = np.select([method == TENDER, method == SELEKSI, method == CEPAT], [.40, .22, .38], .12)
    cut = cut + 0.07 * better
    ratio = 0.99 - 0.19 * rng.beta(cut * 8, (1 - cut) * 8)
    kontrak = round_money(rng, hps * ratio, 0.4)
    # Offers: a quarter of contracts were negotiated down, a few offers were corrected.
    above = round_money(rng, np.minimum(kontrak * (1 + 0.03 * rng.random(n)), hps), 0.4)
    terkoreksi = np.where(rng.random(n) < 0.25, above, kontrak)
    above = round_money(rng, np.minimum(terkoreksi * (1 + 0.02 * rng.random(n)), hps), 0.4)
    penawaran = np.where(rng.random(n) < 0.1, above, terkoreksi)
    u = rng.random(n)
    blank, low, full = 0.04 - 0.01 * better, 0.08 - 0.03 * better, 0.20 + 0.05 * better
    pdn_share = np.select([u < blank, u < blank + low, u < blank + low + full],
                          [np.nan, rng.uniform(0.3, 0.85, n), 1.0], rng.uniform(0.85, 0.98, n))
    pdn = np.floor(kontrak * pdn_share)
    umk_p = np.select([kontrak < 1e9, kontrak < 2.5e9, kontrak < 1.5e10], [.85, .6, .35], .05)
    umk = rng.random(n) < np.where(method == PL, 0.95, umk_p) + 0.03 * better

    # Contract execution (e-Kontrak), exported at the end of January the next year.
    signed = np.minimum(award + np.where(tender, rng.integers(5, 22, n), rng.integers(0, 6, n)),
                        end - 1)
    signed = workday(signed)
    length = np.select([jenis == KONSTRUKSI, jenis == KONSULTANSI, jenis == BARANG],
                       [rng.integers(60, 211, n), rng.integers(30, 151, n),
                        rng.integers(14, 91, n)], rng.integers(30, 301, n))
    contract_end = np.maximum(np.minimum(signed + length, end - 4), signed + 7)
    in_time = rng.random(n) < 0.75 + 0.05 * better
    early = np.minimum(rng.integers(0, 21, n), length // 3)
    late = np.clip(np.round(rng.lognormal(np.log(12), 0.8, n)), 1, 60).astype(np.int64)
    handover = np.where(in_time, contract_end - early, contract_end + late)
    handover = workday(np.maximum(handover, signed + 1))
    putus = rng.random(n) < 0.02 - 0.005 * better
    finished = ~putus & (handover <= day_of(f"{y + 1}-01-31"))
    addendum = rng.random(n) < np.where(in_time, 0.07, 0.45)

    return dict(
        method=method, jenis=jenis, opd=opd, pagu=pagu, tender=tender, nontender=nontender,
        versi=versi, announce=announce, award=award, ongoing=ongoing, failed=failed, done=done,
        plan_start=plan_start, plan_end=plan_end, plan_contract=plan_contract,
        plan_contract_end=plan_contract_end, hps=hps, kontrak=kontrak, terkoreksi=terkoreksi,
        penawaran=penawaran, pdn=pdn, umk=umk, signed=signed, contract_end=contract_end,
        handover=handover, putus=putus, finished=finished, addendum=addendum,
        announce_secs=clock(rng, n, 8, 15), award_secs=clock(rng, n, 9, 16),
        handover_secs=clock(rng, n, 8, 15),
    )


def _names(rng, y, opd, jenis) -> pd.Series:
    """Package names from templates by jenis and the OPD's profile."""
    profile = [prof for *_, prof in OPD_ROWS]
    short = [s for _, _, s, _, _ in OPD_ROWS]
    templates, groups = [], {}
    for j in range(4):
        for prof in BOOST:
            if j == KONSTRUKSI:
                tpl = BUILD[prof]
            elif j == KONSULTANSI:
                tpl = [f"{work} {t}" for work in ("Perencanaan", "Pengawasan")
                       for t in BUILD[prof]] + STUDY
            elif j == BARANG:
                tpl = GOODS[prof]
            else:
                tpl = SERVICES + (RS_SERVICES if prof == "rs" else [])
            groups[j, prof] = (len(templates), len(tpl))
            templates += tpl
    prof_of = np.array([list(BOOST).index(p) for p in profile])[opd]
    offset = np.zeros(len(opd), np.int64)
    count = np.ones(len(opd), np.int64)
    for (j, prof), (first, size) in groups.items():
        rows = (jenis == j) & (prof_of == list(BOOST).index(prof))
        offset[rows], count[rows] = first, size
    t = offset + (rng.random(len(opd)) * count).astype(np.int64)
    prefix = [tpl[:-4] for tpl in templates]  # every template ends with ' {r}', ' {k}' or ' {u}'
    slot = np.array([tpl[-2] for tpl in templates])[t]
    place = take(KAB, rng.integers(0, len(KAB), len(opd)))
    place = place.where(slot != "r", take(RUAS, rng.integers(0, len(RUAS), len(opd))))
    place = place.where(slot != "u", take(short, opd))
    name = take(prefix, t) + " " + place
    works = (jenis == KONSTRUKSI) | (jenis == KONSULTANSI)
    stage = rng.random(len(opd))
    name = name.where(~works | (stage > 0.06), name + " Tahap II")
    return name.where(works | (stage < 0.6), name + f" Tahun Anggaran {y}")


def _year(rng, y: int, n: int, later: bool, staff: dict, prov: dict, slot: int):
    """(kind, frame) for each dataset of fiscal year y, built from one package table."""
    p = _packages(rng, y, n, later)
    # Planning order: codes are handed out as packages are created, like the live systems.
    order = np.lexsort((rng.random(n), p["plan_start"]))
    p = {k: v[order] for k, v in p.items()}
    method, opd, jenis = p["method"], p["opd"], p["jenis"]
    names = _names(rng, y, opd, jenis)
    kd_rup = codes(rng, n, 40_000_000 + 10_000_000 * slot, 10_000_000)
    ppk = staff["ppk_first"][opd] + (rng.random(n) * staff["ppk_count"][opd]).astype(np.int64)
    pokja = np.where(rng.random(n) < 0.7, opd % 12, rng.integers(0, 12, n))
    kd_satker, nama_satker = strs(k for k, _ in OPD), strs(s for _, s in OPD)

    # Winner: a consultant for consultancy, a small business when the contract counts as UMK.
    winner = np.full(n, -1, np.int64)
    spse_done = np.flatnonzero(p["done"])
    for kons in (False, True):
        for small in (False, True):
            fits = ((jenis[spse_done] == KONSULTANSI) == kons) & (p["umk"][spse_done] == small)
            rows = spse_done[fits]
            members = np.flatnonzero((prov["konsultan"] == kons) & (prov["small"] == small))
            winner[rows] = zipf(rng, members, len(rows), 0.8)
    # a contract with a non-UMK provider declares 0, as SPSE records it; only PDN is left blank
    # now and then (a value not given: not counted, never read as 0)
    umk_value = np.where(p["umk"], p["kontrak"], 0.0)

    def common(rows):
        # kd_klpd 'DEMO': the reports tell demo data from the data itself
        return {"tahun_anggaran": np.full(len(rows), y), "kd_klpd": np.full(len(rows), "DEMO"),
                "nama_klpd": np.full(len(rows), "Provinsi Kalimantan Timur (data demo)"),
                "kd_satker": take(kd_satker, opd[rows]),
                "nama_satker": take(nama_satker, opd[rows])}

    def values(rows, done):
        source = {"nilai_penawaran": p["penawaran"], "nilai_terkoreksi": p["terkoreksi"],
                  "nilai_negosiasi": p["kontrak"], "nilai_kontrak": p["kontrak"],
                  "nilai_pdn_kontrak": p["pdn"], "nilai_umk_kontrak": umk_value}
        return {name: money(np.where(done, v[rows], np.nan)) for name, v in source.items()}

    def provider(rows, done):
        w = np.where(done, winner[rows], -1)
        kd = pd.array(np.where(w >= 0, prov["kd"][w], 0), dtype="Int64")
        kd[w < 0] = pd.NA
        return {"kd_penyedia": kd, "nama_penyedia": take(prov["name"], w),
                "npwp_penyedia": take(prov["npwp"], w)}

    def frame(kind, cols):
        return kind, pd.DataFrame(cols).reindex(columns=BY_KIND[kind].names)

    # ---- RUP: every package
    all_rows = np.arange(n)
    excluded = method == DIKECUALIKAN
    yield frame("rup", {
        **common(all_rows), "kd_rup": kd_rup, "nama_paket": names, "pagu": money(p["pagu"]),
        "metode_pengadaan": take(METHODS, method), "jenis_pengadaan": take(JENIS, jenis),
        "status_pdn": np.where((jenis == BARANG) & (rng.random(n) < 0.08), "Impor", "PDN"),
        "status_ukm": np.where(p["pagu"] <= 1.5e10, "UKM", "Non UKM"),
        "status_dikecualikan": np.where(excluded, "true", "false"),
        "tgl_awal_pemilihan": timestamps(first_day(p["plan_start"])),
        "tgl_akhir_pemilihan": timestamps(last_day(p["plan_end"])),
        "tgl_awal_kontrak": timestamps(first_day(p["plan_contract"])),
        "tgl_akhir_kontrak": timestamps(last_day(p["plan_contract_end"])),
        "nip_ppk": take(staff["ppk_nip"], ppk), "nama_ppk": take(staff["ppk_name"], ppk)})

    # SPSE jenis labels: consultancy says whether it is construction-related.
    jenis_spse = strs(JENIS + ("Jasa Konsultansi Badan Usaha Konstruksi",
                               "Jasa Konsultansi Badan Usaha Non Konstruksi"))
    infra = np.array([prof == "infra" for *_, prof in OPD_ROWS])[opd]
    jenis_label = np.where(jenis == KONSULTANSI, np.where(infra, 4, 5), jenis)
    status_label = strs(["Berlangsung", "Gagal/Batal", "Selesai"])
    status = np.where(p["ongoing"], 0, np.where(p["failed"], 1, 2))
    announced = timestamps(p["announce"], p["announce_secs"])

    # ---- Tender (Tender, Seleksi, Tender Cepat)
    t = np.flatnonzero(p["tender"])
    kd_tender = codes(rng, len(t), 10_000_000 + 4_500_000 * slot, 4_500_000) * 1000
    t_done = p["done"][t]
    awarded = timestamps(p["award"][t], p["award_secs"][t], t_done)
    evaluasi = np.where(method[t] == SELEKSI,
                        np.where(rng.random(len(t)) < 0.85, "Kualitas dan Biaya", "Kualitas"),
                        "Harga Terendah Sistem Gugur")
    yield frame("tender", {
        **common(t), "kd_tender": kd_tender, "kd_rup": kd_rup[t],
        "nama_paket": names.iloc[t].values, "pagu": money(p["pagu"][t]),
        "hps": money(p["hps"][t]),
        "jenis_pengadaan": take(jenis_spse, jenis_label[t]),
        "mtd_pemilihan": take(METHODS, method[t]),
        "mtd_evaluasi": evaluasi, "status_tender": take(status_label, status[t]),
        "versi_tender": p["versi"][t], "tgl_pengumuman_tender": announced[t],
        "tgl_penetapan_pemenang": awarded,
        "nip_ppk": take(staff["ppk_nip"], ppk[t]), "nama_ppk": take(staff["ppk_name"], ppk[t]),
        "nip_pokja": take(staff["pokja_nip"], pokja[t]),
        "nama_pokja": take(staff["pokja_name"], pokja[t])})

    # ---- Tender results: finished tenders only; a few pagu cells typed as Rupiah text.
    h = t[t_done]
    hasil_pagu = money(p["pagu"][h])
    typed = rng.random(len(h)) < 0.03
    hasil_pagu[typed] = rupiah_text(p["pagu"][h][typed]).values
    yield frame("tender_hasil", {
        **common(h), "kd_tender": kd_tender[t_done], "kd_rup": kd_rup[h], "pagu": hasil_pagu,
        "hps": money(p["hps"][h]), **values(h, True),
        "tgl_pengumuman_tender": announced[h], "tgl_penetapan_pemenang": awarded[t_done],
        **provider(h, True)})

    # ---- Non-tender (Penunjukan Langsung, Pengadaan Langsung)
    nt = np.flatnonzero(p["nontender"])
    kd_nontender = codes(rng, len(nt), 20_000_000 + 10_000_000 * slot, 10_000_000) * 1000
    nt_done = p["done"][nt]
    # Pengadaan Langsung is run by the OPD's pejabat pengadaan, Penunjukan Langsung by a Pokja.
    officer = take(staff["pp_name"], opd[nt]).where(method[nt] == PL,
                                                    take(staff["pokja_name"], pokja[nt]))
    yield frame("nontender", {
        **common(nt), "kd_nontender": kd_nontender, "kd_rup": kd_rup[nt],
        "nama_paket": names.iloc[nt].values, "pagu": money(p["pagu"][nt]),
        "hps": money(p["hps"][nt]), "jenis_pengadaan": take(jenis_spse, jenis_label[nt]),
        "mtd_pemilihan": take(METHODS, method[nt]),
        "status_nontender": take(status_label, status[nt]),
        "tgl_pengumuman_nontender": announced[nt],
        "tgl_penetapan_pemenang": timestamps(p["award"][nt], p["award_secs"][nt], nt_done),
        "nip_ppk": take(staff["ppk_nip"], ppk[nt]), "nama_ppk": take(staff["ppk_name"], ppk[nt]),
        "nama_pokja": officer, **values(nt, nt_done), **provider(nt, nt_done)})

    # ---- Bidders: 1 + Poisson per finished tender (~8% single bidder), a few for failed ones;
    # the winner is the first row, repeated providers within a tender are dropped.
    lam = np.select([jenis[t] == KONSTRUKSI, method[t] == SELEKSI], [2.8, 2.5], 2.1) + 0.25 * later
    count = np.where(t_done, 1 + rng.poisson(lam), rng.poisson(0.8, len(t)))
    count = np.where(p["ongoing"][t], 0, np.minimum(count, 12))
    ti = np.repeat(np.arange(len(t)), count)
    first = np.zeros(len(ti), bool)
    first[np.cumsum(count)[count > 0] - count[count > 0]] = True
    is_winner = first & t_done[ti]
    bidder = np.where(is_winner, winner[t][ti], -1)
    for kons in (False, True):
        rows = np.flatnonzero(~is_winner & ((jenis[t][ti] == KONSULTANSI) == kons))
        bidder[rows] = zipf(rng, np.flatnonzero(prov["konsultan"] == kons), len(rows), 0.5)
    _, keep = np.unique(ti.astype(np.int64) * len(prov["kd"]) + bidder, return_index=True)
    keep = np.sort(keep)
    ti, bidder, is_winner = ti[keep], bidder[keep], is_winner[keep]
    offer = np.where(is_winner, p["penawaran"][t][ti],
                     round_money(rng, p["hps"][t][ti] * rng.uniform(0.8, 1.0, len(ti)), 0.3))
    yield frame("peserta", {
        "tahun_anggaran": np.full(len(ti), y), "kd_klpd": np.full(len(ti), "DEMO"),
        "kd_tender": kd_tender[ti], "kd_penyedia": prov["kd"][bidder],
        "nama_penyedia": take(prov["name"], bidder), "npwp_penyedia": take(prov["npwp"], bidder),
        "nilai_penawaran": money(offer), "pemenang": is_winner.astype(np.int8)})

    # ---- e-Kontrak: one contract per finished package (tender and non-tender).
    k = np.r_[h, nt[nt_done]]
    kd_paket = np.r_[kd_tender[t_done], kd_nontender[nt_done]]
    seq = pd.DataFrame({"opd": opd[k], "day": p["signed"][k]}).sort_values(
        ["opd", "day"], kind="stable").groupby("opd").cumcount() + 1
    seq = seq.sort_index().to_numpy()
    klas = np.where((jenis[k] == KONSTRUKSI) | (jenis[k] == KONSULTANSI), "602", "027")
    form = np.where((method[k] == PL) | (p["kontrak"][k] <= 2e8), "SPK", "SP")
    abbrev = [s.upper().replace(" ", "-") for _, _, s, _, _ in OPD_ROWS]
    month_no = month_of(p["signed"][k]) - month_of(day_of(f"{y}-01-01"))
    no_kontrak = (pd.Series(klas, dtype="str") + "/" + pd.Series(seq).astype("str").str.zfill(4)
                  + "/" + pd.Series(form, dtype="str") + "/" + take(abbrev, opd[k]) + "/"
                  + take(ROMAN, np.clip(month_no, 0, 11)) + f"/{y}")
    signed_text = pd.Series(timestamps(p["signed"][k])).dt.strftime(DATE_FORMAT)
    typed = rng.random(len(k)) < 0.03
    signed_text[typed] = indonesian_date(p["signed"][k][typed]).values
    fin, putus = p["finished"][k], p["putus"][k]
    yield frame("kontrak", {
        "tahun_anggaran": np.full(len(k), y), "kd_klpd": np.full(len(k), "DEMO"), "kd_paket": kd_paket,
        "no_kontrak": no_kontrak, "tgl_kontrak": signed_text, "nilai_kontrak": money(p["kontrak"][k]),
        "status_kontrak": np.where(putus, "Putus", np.where(fin, "Selesai", "Berjalan")),
        "apakah_addendum": np.where(p["addendum"][k], "Ya", "Tidak"),
        "tgl_kontrak_akhir": timestamps(p["contract_end"][k])})
    # e-Kontrak BAST: the handover of each finished contract
    b = np.flatnonzero(fin)
    yield frame("bast", {
        "tahun_anggaran": np.full(len(b), y), "kd_klpd": np.full(len(b), "DEMO"),
        "kd_paket": kd_paket[b], "no_kontrak": no_kontrak.iloc[b].values,
        "no_bast": ("BAST/" + no_kontrak.iloc[b]).values,
        "tgl_bast": timestamps(p["handover"][k][b], p["handover_secs"][k][b], fin[b])})


# --------------------------------------------------------------------------- entry point


def generate(out_dir: Path, year: int = 2024, packages: int = 1500, seed: int = 2024) -> list[Path]:
    """Write the demo register for fiscal years year-1 and year (about `packages` packages a
    year) as `{kind}_{Y}.csv` files in out_dir and return their paths. Same arguments give
    byte-identical files."""
    if not 1 <= packages <= MAX_PACKAGES:
        raise ValueError(f"packages must be between 1 and {MAX_PACKAGES:,}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = stream(seed)
    staff = staff_pool(rng)
    prov = provider_pool(rng, max(50, packages // 4))
    paths = []
    for slot, y in enumerate((year - 1, year)):
        n = packages if slot else max(1, round(packages * 0.95))
        plan = None
        for kind, df in _year(stream(seed, y), y, n, bool(slot), staff, prov, slot):
            paths.append(_write(df, out_dir, kind, y))
            if kind == "rup":
                plan = demo_context.plan(df)
        # the context (coverage chapter) from a stream of its own: the datasets above stay as they were
        for kind, df in demo_context.year(stream(seed, y, demo_context.STREAM), y, n, plan, staff, slot):
            paths.append(_write(df, out_dir, kind, y))
    return paths


def _write(df: pd.DataFrame, out_dir: Path, kind: str, y: int) -> Path:
    # dated as an ISB download is (_event_date): pulled after the year, so it is complete
    df["_event_date"] = EVENT_DATE.format(year=y + 1)
    path = out_dir / f"{kind}_{y}.csv"
    write_csv(df, path)
    return path


def generate_surveys(register_dir: Path, year: int = 2024, seed: int = 2024,
                     params=None) -> list[Path]:
    """The survey side of the demo for the register in register_dir: `survei/` (F5 provider
    scores, F8 Pokja rows and F12/F13 satisfaction answers of both years, as an analyst's recap
    files) and, when a parameter file is given, `formulir/` (the four quarters' filled Survei
    Teknis forms of `year`, with a small share of deliberate mistakes for the intake to catch)."""

    register_dir = Path(register_dir)
    con = store.connect(":memory:")
    try:
        register.load(con, [register_dir])
        pk = packages.load_packages(con, params.metode.metode_dalam_lingkup if params else None)
    finally:
        con.close()
    survey_dir = register_dir / "survei"
    written = []
    for y in (year - 1, year):
        written += demo_penyedia.generate(survey_dir, pk, y, seed)
        written += demo_kepuasan.generate(survey_dir, y, seed, [name for _, name in OPD])
    if params is not None:
        written += demo_forms.generate(params, pk, register_dir / "formulir", year=year,
                                       seed=seed).files
    return written
