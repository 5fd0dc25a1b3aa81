"""`kinerja init`: a complete, valid parameter file for one K/L/PD and fiscal year, written
from what the store holds.

What the store knows is filled in: the K/L/PD's name (-> ukpbj.nama/instansi/singkatan), its
satker (a commented list), the register files it was loaded from, the years present, and the
baselines (the previous year's realisation, computed with the KPI engine). What only a person
knows (address, officials, letter numbers and dates, targets to confirm) gets a placeholder that
passes validation and an `# ISI:` comment on its line saying what to fill in. The indicator
catalogue is the national default of `data/katalog_indikator.yaml` (the only copy in lib).

The file is opened with mode 'x' (an existing file is never overwritten) and validated with
config.load after writing; a file that does not validate is a bug and raises. What the store
knows about the K/L/PD is read by `kinerja.apps.klpd`, the file's text written by
`kinerja.apps.parameter_text`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kinerja.apps.klpd import (Klpd, baselines, derive_names, find_klpd, known_klpd,
                               recorded_registers)
from kinerja.apps.parameter_text import ISI, USULAN, render
from kinerja.core import config, paths
from kinerja.inputs import register, store

CATALOGUE = Path(__file__).resolve().parents[1] / "data" / "katalog_indikator.yaml"
# Keys of the catalogue file that `kinerja init` reads but does not write as keys.
_CATALOGUE_ONLY = ("acuan_target", "catatan", "dasar_target")


class InitError(Exception):
    """Something the user must fix; one Indonesian line."""


# --------------------------------------------------------------------------- catalogue

def catalogue(tahun: int) -> dict:
    """The national default catalogue (tujuan, area_strategis, indikator) for a fiscal year:
    {tahun}, {tahun_lalu}, {tahun_berikut} in its texts replaced."""
    raw = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    years = {"tahun": tahun, "tahun_lalu": tahun - 1, "tahun_berikut": tahun + 1}

    def fill(value):
        if isinstance(value, str):
            return value.format(**years)
        if isinstance(value, list):
            return [fill(v) for v in value]
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        return value

    return fill(raw)


def _indicators(cat: dict) -> list[config.Indikator]:
    """The catalogue's indicators as validated models (baseline None)."""
    return [config.Indikator(**{k: v for k, v in ind.items() if k not in _CATALOGUE_ONLY})
            for ind in cat["indikator"]]


def _areas(cat: dict) -> list[config.AreaStrategis]:
    """The catalogue's strategic areas (with their cakupan) as validated models."""
    return [config.AreaStrategis(**{k: v for k, v in a.items() if k not in _CATALOGUE_ONLY})
            for a in cat["area_strategis"]]


# --------------------------------------------------------------------------- the command

@dataclass
class InitResult:
    path: Path
    kd_klpd: str
    klpd: Klpd
    names: dict
    tahun: int
    store: Path
    registers: list[str]
    missing_registers: list[str]
    baselines: dict
    isi: int
    loads: list = field(default_factory=list)
    usulan: int = 0


def _connect(store_path: Path, read_only: bool):
    import duckdb


    try:
        return store.connect(store_path, read_only=read_only)
    except duckdb.IOException as exc:
        raise InitError(f"Basis data {store_path} tidak dapat dibuka ({str(exc).splitlines()[0]}); "
                        f"tutup proses lain yang memakainya lalu ulangi.") from None


def _not_found(kode: str, store_path: Path, known: list) -> InitError:
    there = "; ".join(f"{k} {n or ''}".strip() for k, n in known[:8])
    more = f" …dan {len(known) - 8} lain" if len(known) > 8 else ""
    hint = f" (K/L/PD yang ada: {there}{more})" if known else ""
    return InitError(f"K/L/PD {kode} tidak ada di basis data {store_path}; muat unduhan LKPP "
                     f"dahulu dengan kinerja register{hint}.")


def create(out: str | Path, kd_klpd: str, tahun: int, store_path: str | Path,
           register_paths: list[str] | None = None, now: dt.datetime | None = None) -> InitResult:
    """Write the parameter file `out` for K/L/PD `kd_klpd` and `tahun`; return what was written.
    Raises InitError for anything the user must fix."""
    kode = str(kd_klpd).strip().upper()
    out = Path(out).expanduser()
    store_path = Path(store_path).expanduser().resolve()
    if not kode:
        raise InitError("Kode K/L/PD (--klpd) kosong: tulis kode LKPP, mis. D107.")
    if not 2000 <= tahun <= 2100:
        raise InitError(f"Tahun {tahun} di luar rentang 2000–2100.")
    if out.exists():
        raise InitError(f"Berkas {out} sudah ada; kinerja init tidak pernah menimpa berkas: "
                        f"pilih nama lain atau hapus berkas itu dahulu.")
    given = [paths.absolute(p) for p in register_paths or []]
    absent = [str(p) for p in given if not p.exists()]
    if absent:
        raise InitError(f"Register tidak ditemukan: {', '.join(absent)}.")
    if not given and not store_path.exists():
        raise _not_found(kode, store_path, [])

    loads = []
    con = _connect(store_path, read_only=not given)
    try:
        if given:
            loads = register.load(con, given)
        klpd = find_klpd(con, kode)
        if klpd is None:
            raise _not_found(kode, store_path, known_klpd(con))
        if given:
            registers, missing = [str(p) for p in given], []
        else:
            registers, missing = recorded_registers(con, kode)
            if not registers:
                raise InitError(f"Berkas register K/L/PD {kode} yang tercatat di basis data "
                                f"{store_path} tidak ada lagi di disk; berikan lokasinya dengan "
                                f"--register.")
        cat = catalogue(tahun)
        scope = list(config.Metode().metode_dalam_lingkup)
        base = baselines(con, _indicators(cat), tahun, kode, scope, _areas(cat))
    finally:
        con.close()

    names = derive_names(klpd.nama)
    # Paths relative to the project folder (paths.shown): the file moves with the project.
    text = render(kd_klpd=kode, tahun=tahun, klpd=klpd, names=names, registers=[paths.shown(r) for r in registers],
                  store=paths.shown(store_path), cat=cat, base=base,
                  made=now or dt.datetime.now())
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(out, "x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        raise InitError(f"Berkas {out} sudah ada; kinerja init tidak pernah menimpa berkas.") from None
    try:
        params = config.load(out)
    except config.ParameterError as exc:
        out.unlink()  # our own, just created: an invalid file must not stay behind
        raise RuntimeError(f"kinerja init menulis berkas parameter yang tidak sah (bug): {exc}") from None
    # The batch's own parameter checks (kinerja run): register locations exist.
    gone = [str(p) for p in params.register_files if not p.exists()]
    if gone or params.store_path != store_path:
        out.unlink()
        raise RuntimeError(f"kinerja init: register/basis data pada berkas tidak cocok (bug): "
                           f"{gone or params.store_path}")
    isi = sum(ISI in line for line in text.splitlines())
    usulan = sum(USULAN in line for line in text.splitlines())
    return InitResult(out.resolve(), kode, klpd, names, tahun, store_path, registers, missing,
                      base, isi, loads, usulan)


def summary(r: InitResult) -> list[str]:
    """What was written, in Indonesian, one fact per line."""
    from collections import Counter

    lines = []
    if r.loads:
        count = Counter(x.status for x in r.loads)
        label = {"loaded": "dimuat", "unchanged": "tidak berubah", "outside": "di luar lingkup SOP",
                 "empty": "kosong", "copy": "salinan berkas lain", "unknown": "belum dikenal",
                 "rejected": "ditolak", "error": "gagal dibaca"}
        lines.append("Register: " + ", ".join(f"{count[k]} berkas {v}" for k, v in label.items()
                                               if count[k]) + ".")
        lines += [f"  ✗ {x.message}" for x in r.loads if x.status in ("error", "rejected")]
    lines.append(f"Berkas parameter ditulis: {r.path}")
    lines.append(f"K/L/PD: {r.kd_klpd} {r.klpd.nama} — {r.names['nama']}")
    lines.append(f"Satuan kerja (satker/OPD) di basis data: {len(r.klpd.satker)} "
                 f"(daftarnya tercantum sebagai komentar di berkas).")
    years = ", ".join(map(str, r.klpd.tahun)) or "tidak tercatat"
    lines.append(f"Tahun anggaran yang ditemukan: {years}.")
    if r.tahun not in r.klpd.tahun:
        lines.append(f"Perhatian: belum ada baris tahun {r.tahun} untuk {r.kd_klpd}; muat unduhan "
                     f"tahun itu dengan kinerja register sebelum kinerja kpi/run.")
    lines.append(f"Baseline dari realisasi {r.tahun - 1} di register: {len(r.baselines)} indikator"
                 + ("" if r.baselines else f" (data {r.tahun - 1} belum dimuat)") + ".")
    lines.append(f"Register paket di berkas: {', '.join(r.registers)}")
    if r.missing_registers:
        lines.append(f"Tidak dicantumkan ({len(r.missing_registers)} berkas tercatat di basis data "
                     f"tetapi tidak ada lagi di disk): {', '.join(r.missing_registers[:5])}"
                     + (" …" if len(r.missing_registers) > 5 else ""))
    lines.append(f"Basis data: {r.store}")
    lines.append(f"Baris yang harus dilengkapi (bertanda '# ISI:'): {r.isi}; kinerja run menolak berkas ini "
                 f"sampai semuanya diisi (atau --draf untuk dokumen bertanda DRAF).")
    lines.append(f"Usulan bawaan yang perlu disesuaikan atau ditetapkan (bertanda '# USULAN:'): {r.usulan}; "
                 f"Format 3 menandainya \"Usulan, belum ditetapkan\" sampai komentarnya dihapus.")
    lines.append(f"Uji: kinerja kpi --params {r.path} --period {r.tahun}")
    return lines
