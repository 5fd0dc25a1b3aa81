"""The demo register's context datasets: what the report's chapter *Pengadaan di luar metode SOP*
and its coverage summary read (methods.coverage) beside the SOP's processes — pencatatan non
tender (SPSE-PencatatanNonTender), e-Katalog packages (Ecat-PaketEPurchasingV6), Toko Daring
orders (Bela-TokoDaringRealisasi), swakelola RUP packages (RUP-PaketSwakelola-Terumumkan) and
the budget per satker (RUP-StrukturAnggaranPD), for each fiscal year of generate.py.

Columns are the schemas' names (schemas.BY_KIND), values shaped like the real samples
(shared/data/lkpp-isb-samples): pencatatan 'Aktif'/'Paket Selesai', 'Aktif'/'Paket Sedang
Berjalan' and 'Ditutup'/'Paket Dibatalkan' with an alasan (sometimes '-'); e-Katalog codes as
26-character ULIDs that start with the order's time, statuses as ON_PROCESS / COMPLETED /
PAYMENT_OUTSIDE_SYSTEM / CANCELLED; Toko Daring with SiRUP's numeric satker id, an order the
export repeats on several identical lines, and failed orders ('gagal'); swakelola dates as
plain dates and tipe_swakelola 1–4.

How they hang together: an e-Katalog package buys a RUP package of method E-Purchasing (its
kd_rup; several packages may buy one, together within its pagu), the budget of a satker covers
its RUP and swakelola pagu (the RUP ~84–97% of belanja pengadaan). The pencatatan's RUP codes and
the swakelola codes lie in their own ranges, apart from the RUP file's (which holds exactly the
packages the SOP datasets process, as generate.py's `packages` says).

Sizes are proportional to the year's packages (PER_PACKAGE; e-Katalog through the E-Purchasing
RUP packages), so `--packages N` scales them and a million-package bench grows by the same share.
A stream of its own per year (tag STREAM), so the SOP datasets stay byte-identical.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.demo.draws import (clock, codes, day_of, first_day, lognormal, money, month_of, normalised,
                                round_money, take, timestamps, workday, zipf)
from kinerja.demo.reference import CO1, CO2, OPD, OPD_ROWS, OTHER_MONTHS
from kinerja.inputs.schemas import BY_KIND

KINDS = ("pencatatan", "epurchasing", "toko_daring", "rup_swakelola", "anggaran")
STREAM = 12  # the entropy tag of the context's stream: stream(seed, year, STREAM)
# Records per package of the year (the RUP's penyedia packages); e-Katalog: KATALOG_PER_RUP
PER_PACKAGE = {"pencatatan": 0.04, "toko_daring": 0.08, "rup_swakelola": 0.10}
# e-Katalog packages per E-Purchasing RUP package (0-4: some not bought yet, some bought in parts)
KATALOG_PER_RUP = (0.10, 0.45, 0.25, 0.12, 0.08)

KLPD = ("DEMO", "Provinsi Kalimantan Timur (data demo)")
WEIGHT = normalised([w for *_, w, _ in OPD_ROWS])
SHORT = [s for _, _, s, _, _ in OPD_ROWS]
PROFILE = np.array([prof for *_, prof in OPD_ROWS])
# SiRUP's numeric satker id (Toko Daring names a satker by it), fixed per OPD
ID_SATKER = 60_412 + 3 * np.arange(len(OPD))

# Small purchases recorded outside e-tendering (Pengadaan Langsung paid on a receipt): name, kategori
PURCHASES = [("Belanja Alat Tulis Kantor", "Pengadaan Barang"), ("Belanja Bahan Komputer", "Pengadaan Barang"),
             ("Belanja Makanan dan Minuman Rapat", "Pengadaan Barang"),
             ("Belanja Suku Cadang Kendaraan Dinas", "Pengadaan Barang"),
             ("Belanja Cetak dan Penggandaan", "Jasa Lainnya"), ("Belanja Jasa Servis Pendingin Ruangan", "Jasa Lainnya"),
             ("Belanja Sewa Tenda dan Perlengkapan Acara", "Jasa Lainnya"),
             ("Belanja Jasa Tenaga Administrasi", "Jasa Lainnya"),
             ("Belanja Pemeliharaan Ringan Gedung Kantor", "Pekerjaan Konstruksi"),
             ("Belanja Perbaikan Pagar dan Saluran Kantor", "Pekerjaan Konstruksi"),
             ("Belanja Jasa Konsultansi Penyusunan Dokumen", "Jasa Konsultansi Badan Usaha Non Konstruksi")]
CANCEL_REASONS = ["-", "mengedit pagu", "salah input metode pemilihan", "kegiatan dibatalkan",
                  "dicatat ulang dengan paket baru"]
SELF_MANAGED = ["Belanja Perjalanan Dinas Dalam Daerah", "Belanja Makanan dan Minuman Rapat Koordinasi",
                "Honorarium Narasumber Bimbingan Teknis", "Penyelenggaraan Sosialisasi Program",
                "Monitoring dan Evaluasi Pelaksanaan Kegiatan", "Penyusunan Laporan Kinerja",
                "Belanja Jasa Tenaga Pendukung Administrasi", "Fasilitasi Rapat Kerja Teknis",
                "Pendataan dan Verifikasi Lapangan", "Penyusunan Rencana Kerja"]
MARKETPLACES = ["mbiz market", "blibli", "tokopedia", "padi umkm", "shopee", "bukalapak", "grab"]
MARKETPLACE_W = normalised([30, 20, 18, 14, 8, 6, 4])
# Toko Daring kategori and a matching order text (mbiz market leaves both blank, as in the sample)
SHOP = [("Alat Tulis Kantor", "Kertas HVS A4, map dan alat tulis"),
        ("Komputer dan Aksesoris", "Tinta printer dan perangkat komputer"),
        ("Makanan dan Minuman", "Konsumsi rapat"), ("Perlengkapan Kebersihan", "Bahan kebersihan kantor"),
        ("Peralatan Kantor", "Peralatan kantor"), ("Jasa Pengiriman", "Pengiriman dokumen dan barang")]
ULID = np.array(list("0123456789ABCDEFGHJKMNPQRSTVWXYZ"))  # Crockford's base32


def plan(rup: pd.DataFrame) -> dict:
    """What the context needs of the year's RUP frame (as generate._year yields it): the RUP pagu
    per OPD, and the E-Purchasing packages an e-Katalog package can buy."""
    opd = rup["kd_satker"].map({kd: i for i, (kd, _) in enumerate(OPD)}).to_numpy(np.int64)
    pagu = pd.to_numeric(rup["pagu"]).to_numpy(float)
    bought = (rup["metode_pengadaan"] == "E-Purchasing").to_numpy()
    start = rup["tgl_awal_pemilihan"].to_numpy("datetime64[D]").astype(np.int64)
    return {"pagu_per_opd": np.bincount(opd, weights=pagu, minlength=len(OPD)),
            "katalog": {"opd": opd[bought], "pagu": pagu[bought], "start": start[bought],
                        "kd_rup": rup["kd_rup"].to_numpy()[bought],
                        "nama_paket": rup["nama_paket"].array[bought]}}


def _common(y: int, opd) -> dict:
    """The fields every row of a satker carries (kd_klpd 'DEMO': the reports tell demo data)."""
    return {"tahun_anggaran": np.full(len(opd), y), "kd_klpd": np.full(len(opd), KLPD[0]),
            "nama_klpd": np.full(len(opd), KLPD[1]), "kd_satker": take([k for k, _ in OPD], opd),
            "nama_satker": take([s for _, s in OPD], opd)}


def _frame(kind: str, cols: dict) -> tuple[str, pd.DataFrame]:
    return kind, pd.DataFrame(cols).reindex(columns=BY_KIND[kind].names)


def _month_starts(y: int) -> np.ndarray:
    """Day numbers of 1 January ... 1 December of year y and 1 January after it."""
    return first_day(month_of(day_of(f"{y}-01-01")) + np.arange(13))


def _days(rng, y: int, m: int) -> np.ndarray:
    """Working days of the year, busier in the second half (non-tender months)."""
    month = rng.choice(12, m, p=normalised(OTHER_MONTHS))
    firsts = _month_starts(y)
    day = firsts[month] + (rng.random(m) * (firsts[month + 1] - firsts[month])).astype(np.int64)
    return np.maximum(workday(day), firsts[0])


def _some(rng, m: int, share: float) -> np.ndarray:
    """A mask of exactly round(share * m) rows, at least one: a demo of any size shows the case."""
    mask = np.zeros(m, bool)
    mask[rng.permutation(m)[:max(1, round(share * m))]] = True
    return mask


def _ppk(rng, staff: dict, opd) -> np.ndarray:
    return staff["ppk_first"][opd] + (rng.random(len(opd)) * staff["ppk_count"][opd]).astype(np.int64)


def _ulid(rng, millis) -> pd.Series:
    """26-character ULIDs: 10 characters of the time in milliseconds, 16 random."""
    ms = np.asarray(millis, np.int64)[:, None]
    digits = np.concatenate([(ms >> (5 * np.arange(9, -1, -1))) & 31, rng.integers(0, 32, (len(ms), 16))], axis=1)
    return pd.Series(np.ascontiguousarray(ULID[digits]).view("<U26").ravel(), dtype="str")


def _dates(days) -> pd.Series:
    """'2024-01-01': a plain date, as SiRUP writes a swakelola schedule."""
    return pd.Series(np.datetime_as_string(np.asarray(days).astype("datetime64[D]"), unit="D"), dtype="str")


def _pencatatan(rng, y, m, slot, staff):
    """Small Pengadaan Langsung purchases recorded in SPSE: ~76% finished, 17% running, 7% cancelled;
    realisation (and PDN/UMK) on the finished ones, a partial one on some running."""
    opd = rng.choice(len(OPD), m, p=WEIGHT)
    item = rng.integers(0, len(PURCHASES), m)
    pagu = np.maximum(np.round(lognormal(rng, np.full(m, 2.5e7), np.full(m, 0.9), 1e6, 2e8) / 1e3) * 1e3, 1e6)
    # Paket Selesai (0), Sedang Berjalan (1), Dibatalkan (2): exact counts, each at least one
    state, order = np.zeros(m, np.int64), rng.permutation(m)
    cancelled, running = max(1, round(0.07 * m)), max(1, round(0.17 * m))
    state[order[:cancelled]], state[order[cancelled:cancelled + running]] = 2, 1
    realised = round_money(rng, pagu * rng.uniform(0.86, 1.0, m), 0.3)
    partly = (state == 1) & (rng.random(m) < 0.5)
    total = np.where(state == 0, realised, np.where(partly, np.floor(realised * rng.uniform(0.3, 0.9, m)), np.nan))
    pdn = np.where((state == 0) & (rng.random(m) < 0.85), total, 0.0)  # 0 where not declared, as SPSE
    umk = np.where((state == 0) & (rng.random(m) < 0.8), total, 0.0)
    begin = _days(rng, y, m)
    end = np.where(state == 1, day_of(f"{y}-12-31"), np.minimum(begin + rng.integers(3, 46, m), day_of(f"{y}-12-31")))
    end = np.where(state == 2, begin, end)
    code = codes(rng, m, 41_000_000 + 3_000_000 * slot, 3_000_000)
    ppk = _ppk(rng, staff, opd)
    reason = take(CANCEL_REASONS, rng.integers(0, len(CANCEL_REASONS), m))
    return _frame("pencatatan", {
        **_common(y, opd), "kd_nontender_pct": code * 1000, "kd_pkt_dce": (code + 6_000_000) * 1000,
        "kd_rup": codes(rng, m, 76_000_000 + 4_000_000 * slot, 4_000_000),
        "nama_paket": take([p for p, _ in PURCHASES], item) + " " + take(SHORT, opd),
        "pagu": money(pagu), "total_realisasi": money(total), "nilai_pdn_pct": money(pdn),
        "nilai_umk_pct": money(umk), "kategori_pengadaan": take([k for _, k in PURCHASES], item),
        "mtd_pemilihan": np.full(m, "Pengadaan Langsung"),
        "status_nontender_pct": np.where(state == 2, "Ditutup", "Aktif"),
        "status_nontender_pct_ket": take(["Paket Selesai", "Paket Sedang Berjalan", "Paket Dibatalkan"], state),
        "alasan_pembatalan": reason.where(state == 2),
        "tgl_mulai_paket": timestamps(begin, clock(rng, m, 8, 15)), "tgl_selesai_paket": timestamps(end),
        "nip_ppk": take(staff["ppk_nip"], ppk), "nama_ppk": take(staff["ppk_name"], ppk)})


def _katalog(rng, y, ep: dict):
    """e-Katalog packages buying the E-Purchasing RUP packages: 0-4 per RUP package, together 82–99%
    of its pagu; ~5% cancelled, late orders still in process at the data date."""
    per = rng.choice(len(KATALOG_PER_RUP), len(ep["opd"]), p=normalised(KATALOG_PER_RUP))
    parent = np.repeat(np.arange(len(per)), per)
    m = len(parent)
    share = rng.gamma(2.0, 1.0, m)
    share = share / np.bincount(parent, weights=share, minlength=len(per))[parent]
    price = np.floor(ep["pagu"][parent] * rng.uniform(0.82, 0.99, len(per))[parent] * share)
    last = day_of(f"{y}-12-31")
    day = np.clip(workday(ep["start"][parent] + rng.integers(0, 120, m)), day_of(f"{y}-01-02"), last)
    secs = clock(rng, m, 8, 16)
    joined = day_of(f"{y - 3}-01-01") * 86_400_000 + rng.integers(0, 3 * 365 * 86_400_000, max(30, m // 6))
    sellers = _ulid(rng, joined)  # the sellers' codes: registered in the three years before
    seller = zipf(rng, np.arange(len(sellers)), m, 0.7)
    late = day >= last - 45
    u = rng.random(m)
    status = np.select([_some(rng, m, 0.05), u < 0.06 + 0.3 * late, u < 0.24 + 0.3 * late], [3, 0, 2], 1)
    shipping = np.select([status == 1, (status == 2) & (rng.random(m) < 0.85), status == 3],
                         [0, 0, 1], rng.choice([1, 2, 3], m))
    opd = ep["opd"][parent]
    return _frame("epurchasing", {
        **_common(y, opd), "kd_paket": _ulid(rng, (day * 86_400 + secs) * 1000 + rng.integers(0, 1000, m)),
        "kd_rup": ep["kd_rup"][parent], "nama_paket": ep["nama_paket"].take(parent),
        "kd_penyedia": sellers.take(seller).to_numpy(),
        "sumber_dana": np.where((day >= day_of(f"{y}-09-01")) & (rng.random(m) < 0.6), "APBDP", "APBD"),
        "total_harga": money(price),
        "ongkir": money(np.where(rng.random(m) < 0.12, np.round(rng.uniform(25e3, 1.5e6, m), -3), 0.0)),
        "tgl_order": _dates(day),
        "status_paket": take(["ON_PROCESS", "COMPLETED", "PAYMENT_OUTSIDE_SYSTEM", "CANCELLED"], status),
        "status_pengiriman": take(["COMPLETED", "DRAFT", "PROCESSING", "SHIPPING"], shipping)})


def _toko_daring(rng, y, m, slot):
    """Toko Daring orders (Bela Pengadaan): ~7% failed, ~12% repeated on 2-4 identical lines."""
    opd = rng.choice(len(OPD), m, p=WEIGHT)
    when = np.sort(_days(rng, y, m) * 86_400 + clock(rng, m, 8, 16))  # order numbers follow time
    value = lognormal(rng, np.full(m, 6e6), np.full(m, 1.1), 1.5e5, 2e8)
    value = np.where(rng.random(m) < 0.7, np.round(value, -3), np.floor(value))
    shop = rng.choice(len(MARKETPLACES), m, p=MARKETPLACE_W)
    kind = np.where(shop == 0, -1, rng.integers(0, len(SHOP), m))
    merchant = "Toko " + (take(CO1, rng.integers(0, len(CO1), m)) + " " + take(CO2, rng.integers(0, len(CO2), m))).str.title()
    order = pd.DataFrame({
        **_common(y, opd), "id_satker": ID_SATKER[opd].astype(str),
        "order_id": codes(rng, m, 3_000_000 + 4_000_000 * slot, 4_000_000).astype(str),
        "order_desc": take([d for _, d in SHOP], kind), "valuasi": money(value),
        "kategori": take([k for k, _ in SHOP], kind),
        "tanggal_transaksi": when.astype("datetime64[s]"), "marketplace": take(MARKETPLACES, shop),
        "nama_merchant": merchant.where(shop != 0), "jenis_transaksi": np.full(m, "bela"),
        "status_verif": np.where(rng.random(m) < 0.95, "verified", "unverified"),
        "status_konfirmasi_ppmse": np.where(_some(rng, m, 0.07), "gagal", "berhasil")})
    repeats = 1 + np.where(_some(rng, m, 0.12), rng.integers(1, 4, m), 0)
    return _frame("toko_daring", order.iloc[np.repeat(np.arange(m), repeats)])


def _swakelola(rng, y, m, slot, staff):
    """Self-managed RUP packages: meetings, travel, technical guidance; most by the OPD itself."""
    opd = rng.choice(len(OPD), m, p=WEIGHT)
    pagu = lognormal(rng, np.full(m, 1.2e8), np.full(m, 1.2), 2e6, 1e10)
    pagu = np.round(pagu / np.where(pagu >= 1e9, 1e6, 1e3)) * np.where(pagu >= 1e9, 1e6, 1e3)
    first = np.where(rng.random(m) < 0.6, 0, rng.integers(1, 10, m))
    months = _month_starts(y)
    last = np.where(rng.random(m) < 0.5, 11, np.minimum(first + rng.integers(1, 8, m), 11))
    ppk = _ppk(rng, staff, opd)
    name = take(SELF_MANAGED, rng.integers(0, len(SELF_MANAGED), m)) + " " + take(SHORT, opd)
    return _frame("rup_swakelola", {
        **_common(y, opd), "kd_rup": codes(rng, m, 60_000_000 + 8_000_000 * slot, 8_000_000),
        "nama_paket": name.where(rng.random(m) < 0.7, name + f" Tahun Anggaran {y}"), "pagu": money(pagu),
        "tipe_swakelola": rng.choice(4, m, p=[0.86, 0.07, 0.02, 0.05]) + 1,
        "tgl_awal_pelaksanaan_kontrak": _dates(months[first]),
        "tgl_akhir_pelaksanaan_kontrak": _dates(np.where(rng.random(m) < 0.5, months[last], months[last + 1] - 1)),
        "nip_ppk": take(staff["ppk_nip"], ppk), "nama_ppk": take(staff["ppk_name"], ppk)}), opd, pagu


def _anggaran(rng, y, planned):
    """The budget of each satker with a plan that year: its RUP and swakelola pagu are 84–97% of its
    belanja pengadaan; non-procurement spending (salaries, grants) beside it; capital spending
    mostly in the infrastructure OPD; unforeseen spending (BTT) with the finance agency (BKAD)."""
    opd = np.flatnonzero(planned > 0)
    k = len(opd)
    procurement = np.round(planned[opd] / rng.uniform(0.84, 0.97, k), -3)
    other = np.round(procurement * np.where(PROFILE[opd] == "infra", rng.uniform(0.2, 0.5, k),
                                            rng.uniform(0.6, 1.8, k)), -3)
    total = procurement + other
    capital = np.round(procurement * np.where(PROFILE[opd] == "infra", rng.uniform(0.55, 0.8, k),
                                              rng.uniform(0.08, 0.3, k)), -3)
    btt = np.where(np.array([OPD[i][1] == "Badan Keuangan dan Aset Daerah" for i in opd]), np.round(other * 0.25, -3), 0.0)
    return _frame("anggaran", {
        **_common(y, opd), "belanja_operasi": money(total - capital - btt), "belanja_modal": money(capital),
        "belanja_btt": money(btt), "belanja_non_pengadaan": money(other), "belanja_pengadaan": money(procurement),
        "total_belanja": money(total)})


def year(rng, y: int, n: int, rup_plan: dict, staff: dict, slot: int):
    """(kind, frame) for each context dataset of fiscal year y (KINDS order), n: the year's
    packages, rup_plan: plan() of its RUP frame."""
    size = {kind: round(share * n) for kind, share in PER_PACKAGE.items()}
    yield _pencatatan(rng, y, size["pencatatan"], slot, staff)
    yield _katalog(rng, y, rup_plan["katalog"])
    yield _toko_daring(rng, y, size["toko_daring"], slot)
    swakelola, opd, pagu = _swakelola(rng, y, size["rup_swakelola"], slot, staff)
    yield swakelola
    yield _anggaran(rng, y, rup_plan["pagu_per_opd"] + np.bincount(opd, weights=pagu, minlength=len(OPD)))
