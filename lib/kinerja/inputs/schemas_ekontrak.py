"""Data contracts of the contract documents (e-Kontrak: award letter, contract, work order,
handover) and of the PPK's rating of the provider (SIKaP), as the ISB datasets and the INAPROC
gateway deliver them. The gateway's API v1 nests the handovers, work orders and ratings in the
contract record (gateway_folder flattens them into these same datasets).
"""

from __future__ import annotations

from kinerja.inputs.schema_base import (CODE, DATE, FLAG, INT, MONEY, NPWP16, NUMBER, PPK, TEXT,
                                        Dataset, col, satker)

# e-Kontrak documents name the tender or the non-tender process they belong to.
_PROCESS = col("kd_paket", CODE, "Kode tender / non tender", True, ("kd_tender", "kd_nontender"))
_EKONTRAK = satker(required=False) + (
    _PROCESS,
    col("nama_paket", TEXT, "Nama paket"),
    col("nama_penyedia", TEXT, "Nama penyedia"),
    col("status_kontrak", TEXT, "Status kontrak"),
    col("apakah_addendum", FLAG, "Addendum"),
    col("versi_addendum", INT, "Versi addendum"),
)

SPPBJ = Dataset(
    "sppbj", "e-Kontrak: SPPBJ", ("kd_paket", "no_sppbj"), ("kd_paket", "no_sppbj", "tgl_sppbj"),
    _EKONTRAK + (
        col("no_sppbj", TEXT, "Nomor SPPBJ"),
        col("tgl_sppbj", DATE, "Tanggal SPPBJ"),
        col("harga_final", MONEY, "Harga final"),
    ),
    isb=("SPSE-TenderEkontrak-1SPPBJ", "SPSE-NonTenderEkontrak-1SPPBJ"), multi=True,
    use="disimpan untuk penelusuran (surat penunjukan penyedia)",
    events=("tgl_sppbj",),
)

KONTRAK = Dataset(
    "kontrak", "e-Kontrak: kontrak", ("kd_paket", "no_kontrak"), ("kd_paket", "no_kontrak", "status_kontrak"),
    _EKONTRAK + (
        col("no_kontrak", TEXT, "Nomor kontrak", True),
        col("tgl_kontrak", DATE, "Tanggal kontrak"),
        col("tgl_kontrak_awal", DATE, "Tanggal awal kontrak"),
        col("tgl_kontrak_akhir", DATE, "Tanggal akhir kontrak", aliases=("tgl_akhir_kontrak",)),
        col("nilai_kontrak", MONEY, "Nilai kontrak"),
        col("nilai_pdn_kontrak", MONEY, "Nilai PDN kontrak"),
        col("nilai_umk_kontrak", MONEY, "Nilai UMK kontrak"),
        col("kd_penyedia", CODE, "Kode penyedia"),
        col("npwp_penyedia", TEXT, "NPWP penyedia"),
        NPWP16,
    ) + PPK,
    isb=("SPSE-TenderEkontrak-2Kontrak", "SPSE-NonTenderEkontrak-2Kontrak"), multi=True,
    use="akhir kontrak sesudah addendum terakhir, nilai PDN/UMK bila hasil tender kosong",
    events=("tgl_kontrak",),
)

SPMK = Dataset(
    "spmk", "e-Kontrak: SPMK / SPP", ("kd_paket", "no_spmk_spp"), ("kd_paket", "no_spmk_spp"),
    _EKONTRAK + (
        col("no_kontrak", TEXT, "Nomor kontrak"),
        col("no_spmk_spp", TEXT, "Nomor SPMK/SPP"),
        col("tgl_spmk_spp", DATE, "Tanggal SPMK/SPP"),
        col("tgl_mulai_pekerjaan", DATE, "Tanggal mulai pekerjaan"),
        col("tgl_selesai_pekerjaan", DATE, "Tanggal selesai pekerjaan"),
        col("waktu_penyelesaian", TEXT, "Waktu penyelesaian"),
    ),
    isb=("SPSE-TenderEkontrak-3SPMKSPP", "SPSE-NonTenderEkontrak-3SPMKSPP"), multi=True,
    use="tanggal selesai pekerjaan (akhir kontrak non tender; tender bila kontrak tanpa "
        "tanggal akhir)",
    events=("tgl_spmk_spp",),
)

BAST = Dataset(
    "bast", "e-Kontrak: BAP / BAST", ("kd_paket", "no_bast"), ("kd_paket", "no_bast"),
    _EKONTRAK + (
        col("no_kontrak", TEXT, "Nomor kontrak"),
        col("nilai_kontrak", MONEY, "Nilai kontrak"),
        col("no_bast", TEXT, "Nomor BAST"),
        col("tgl_bast", DATE, "Tanggal BAST", aliases=("tgl_serah_terima",)),
        col("no_bap", TEXT, "Nomor BAP"),
        col("tgl_bap", DATE, "Tanggal BAP"),
        col("besar_pembayaran", MONEY, "Besar pembayaran"),
        col("progres_pekerjaan", NUMBER, "Progres pekerjaan (%)"),
    ),
    isb=("SPSE-TenderEkontrak-4BAPBAST", "SPSE-NonTenderEkontrak-4BAPBAST"), multi=True,
    use="tanggal BAST terakhir per paket (kontrak tepat waktu)",
    events=("tgl_bast", "tgl_bap"),
)

# The PPK's rating of the provider after the contract (SIKaP, Peraturan LKPP 4/2021), one row
# per indicator ("long format"). Field names of the old ISB SIKaP datasets as public clients
# read them: kd_tender / kd_nontender, nama_paket, nama_ppk, nama_penyedia, npwp_penyedia,
# indikator_penilaian, nilai_indikator, total_skors; kd_penyedia, nip_ppk, no_kontrak and
# versi_addendum are ASSUMED present as in the e-Kontrak datasets (inaproc-api.md), and the API
# v1 e-Kontrak record gives them from the contract. The indicator name and value are stored as
# delivered: the scoring method matches names leniently and judges the scale (not the register).
RATING = Dataset(
    "penilaian", "Penilaian kinerja penyedia oleh PPK (SIKaP)",
    ("kd_paket", "no_kontrak", "indikator_penilaian"), ("indikator_penilaian", "nilai_indikator"),
    satker(required=False) + (
        _PROCESS,
        col("nama_paket", TEXT, "Nama paket"),
        col("no_kontrak", TEXT, "Nomor kontrak"),
        col("versi_addendum", INT, "Versi addendum"),
        col("kd_penyedia", CODE, "Kode penyedia"),
        col("nama_penyedia", TEXT, "Nama penyedia"),
        col("npwp_penyedia", TEXT, "NPWP penyedia"),
        NPWP16,
        col("indikator_penilaian", TEXT, "Indikator penilaian", True),
        col("nilai_indikator", NUMBER, "Nilai indikator"),
        col("total_skors", NUMBER, "Total skor"),
    ) + PPK,
    isb=("SIKaP-PenilaianKinerjaPenyedia-Tender", "SIKaP-PenilaianKinerjaPenyedia-NonTender"),
    multi=True,
    use="nilai kinerja penyedia per kontrak dari PPK (indikator dan nilai apa adanya)",
    unduh="e-Kontrak lewat API v1",  # the v1 contract records carry the ratings; Legacy has none
)

DATASETS = (BAST, SPMK, SPPBJ, KONTRAK, RATING)
