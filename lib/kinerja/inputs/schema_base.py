"""The building blocks of the register's data contracts (schemas.py): value types, a column, a
dataset, a dataset outside the SOP, and the column groups several LKPP datasets share.

Field names are the SPSE / SiRUP / e-Kontrak export names (methodology.md §5), so a real LKPP
download loads the same way as the demo data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# CODES: a list of codes in one cell (a consolidated package names several RUP codes), stored
# as the codes joined by ';' (each code at most 64 characters).
TEXT, CODE, CODES, INT, MONEY, NUMBER, DATE, FLAG = (
    "text", "code", "codes", "int", "money", "number", "date", "flag")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()  # other export names for the same field
    missing: str = ""  # the flag's reason when a required value is blank (default: "wajib diisi")


@dataclass(frozen=True)
class Dataset:
    kind: str
    label: str
    # The first key field names what a row belongs to (a tender, a contract, a satker): a row
    # without it is kept and flagged but belongs to no package.
    key: tuple[str, ...]
    # Fields whose joint presence identifies the dataset (checked in DATASETS order).
    signature: tuple[str, ...]
    columns: tuple[Column, ...] = field(default=())
    # The LKPP ISB dataset names this contract reads (the `<n>_<id>_<name>.json` of a download;
    # compared case-insensitively: SIKaP / SiKAP).
    isb: tuple[str, ...] = ()
    # Several rows per key (payment terms, addenda, stages, rating indicators): all rows are
    # kept, none is a duplicate; the package view takes a documented value (packages.py).
    multi: bool = False
    use: str = ""  # what the workbook takes from it (README table, data-quality section)
    # Date columns recording what happened (data_dates; never a planned date)
    events: tuple[str, ...] = ()
    # (status column, date columns): dates that record an event only on a finished process
    # (status Selesai); on a running one the same column holds its schedule
    finished_events: tuple[str, tuple[str, ...]] | None = None
    # What a user downloads to get it, where that is not its first ISB name (the ISB service closed)
    unduh: str = ""

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


@dataclass(frozen=True)
class Outside:
    """A dataset of the download that the SOP does not use: named, reported, not loaded."""
    label: str
    signature: tuple[str, ...]
    isb: tuple[str, ...] = ()


def col(name, type_, label, required=False, aliases=(), missing="") -> Column:
    return Column(name, type_, label, required, tuple(aliases), missing)


def satker(required: bool = True) -> tuple[Column, ...]:
    return (
        col("tahun_anggaran", INT, "Tahun anggaran", required),
        col("kd_klpd", CODE, "Kode K/L/PD"),
        col("nama_klpd", TEXT, "Nama K/L/PD"),
        col("kd_satker", CODE, "Kode satker", required, ("kd_satker_str",)),
        col("nama_satker", TEXT, "Nama satker"),
    )


PPK = (col("nip_ppk", CODE, "NIP PPK"), col("nama_ppk", TEXT, "Nama PPK"))
# The 16-digit NPWP comes under three names (npwp16_penyedia, npwp_16_penyedia,
# npwp_penyedia_16) depending on the dataset and the API.
NPWP16 = col("npwp16_penyedia", TEXT, "NPWP 16 digit penyedia", aliases=("npwp_16_penyedia", "npwp_penyedia_16"))
PROVIDER = (
    col("kd_penyedia", CODE, "Kode penyedia"),
    col("nama_penyedia", TEXT, "Nama penyedia"),
    col("npwp_penyedia", TEXT, "NPWP penyedia"),
    NPWP16,
)
VALUES = (
    col("nilai_penawaran", MONEY, "Nilai penawaran"),
    col("nilai_terkoreksi", MONEY, "Nilai terkoreksi"),
    col("nilai_negosiasi", MONEY, "Nilai negosiasi"),
    col("nilai_kontrak", MONEY, "Nilai kontrak"),
    col("nilai_pdn_kontrak", MONEY, "Nilai PDN kontrak"),
    col("nilai_umk_kontrak", MONEY, "Nilai UMK kontrak"),
)
# A process names its plan (kd_rup; several codes for a consolidated package) and its SPSE
# package (kd_pkt_dce); the gateway also writes kd_rup_paket and kd_paket_dce.
RUP_CODES = col("kd_rup", CODES, "Kode RUP (satu atau lebih, dipisah ;)", aliases=("kd_rup_paket",))
PKT_DCE = col("kd_pkt_dce", CODE, "Kode paket SPSE", aliases=("kd_paket_dce",))
