"""Survey rows as the stage computations read them: one declared column list per kind.

Kinds: `penilaian_penyedia` (F5: the PPK's score of a provider per package), `pokja` (F8: a
Pokja's selection data per package) and `kepuasan` (F12 internal / F13 external satisfaction
answers). The rows come from the store (forms accepted by intake) and, where the store has
none for the year, from files `<kind>_<year>.csv` (or .xlsx) in the parameter file's
`data.survei` folder — the demo data, or a recap an analyst already has.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

# Column contracts shared by the demo, the intake and the stage computations.
COLUMNS: dict[str, tuple[str, ...]] = {
    "penilaian_penyedia": ("tahun_anggaran", "triwulan", "kode_paket", "kd_penyedia",
                           "nama_penyedia", "nip_ppk", "nama_ppk", "kualitas", "biaya", "waktu",
                           "layanan", "putus_kontrak", "catatan"),
    "pokja": ("tahun_anggaran", "triwulan", "kode_paket", "kode_pokja", "nama_pokja",
              "tgl_pengumuman", "tgl_penetapan_pemenang", "jumlah_peserta", "tender_ulang",
              "jumlah_sanggahan", "catatan"),
    "kepuasan": ("tahun_anggaran", "kelompok", "kode_responden", "jenis_responden",
                 "nama_satker", "jenis_kelamin", "pendidikan", "kelompok_usia",
                 "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9", "saran"),
}


def survey_file(folder: Path, kind: str, year: int) -> Path | None:
    for suffix in (".csv", ".xlsx"):
        path = folder / f"{kind}_{year}{suffix}"
        if path.exists():
            return path
    return None


def read_file(path: Path) -> pd.DataFrame:
    if path.suffix.lower() == ".xlsx":
        return pd.read_excel(path, dtype=object)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def from_folder(folder: Path, kind: str, year: int) -> pd.DataFrame:
    """The kind's rows for the year from the survey folder (empty frame when absent)."""
    path = survey_file(folder, kind, year)
    if path is None:
        return pd.DataFrame(columns=list(COLUMNS[kind]))
    return read_file(path)


def pokja_code(nip_pokja: pd.Series) -> pd.Series:
    """A stable id for a Pokja group from its members' NIPs (exports list members, not a group
    code): 'PK-' + the first 8 hex digits of sha1 over the sorted NIPs."""
    import hashlib

    members = nip_pokja.astype("string").fillna("").str.split(";")
    keys = members.map(lambda m: ";".join(sorted(x.strip() for x in m if x.strip())))
    unique = {k: "PK-" + hashlib.sha1(k.encode()).hexdigest()[:8].upper() for k in keys.unique() if k}
    return keys.map(unique).astype("string")
