"""Contracts of the stage results: the tables a stage leaves in `hasil/` for the report stage,
declared once (name → columns by kind) like the register contracts, checked when a stage writes
a result and again when another stage reads it, so a renamed or retyped column fails where it
happens instead of as a wrong number in the report.

Kinds: text (strings, categories of strings), whole (integers; floats only when every value is
a whole number, as pandas stores an integer column with gaps), number (int or float), flag
(bool) and date (datetime). An empty column (all missing) fits every kind: a period without data
writes the same columns with nothing in them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from pandas.api import types

from kinerja.core.measures import BESIDE, MEASURES
from kinerja.pipeline.stages import WRITER

KINDS = ("text", "whole", "number", "flag", "date")
_LABEL = {"text": "teks", "whole": "bilangan bulat", "number": "angka", "flag": "ya/tidak",
          "date": "tanggal"}


class ResultError(Exception):
    """A stage result does not match its contract (message in Indonesian)."""


@dataclass(frozen=True)
class Result:
    """Columns of one result by kind, each a comma-separated list of column names."""
    text: str = ""
    whole: str = ""
    number: str = ""
    flag: str = ""
    date: str = ""

    @property
    def columns(self) -> dict[str, str]:
        """column -> kind"""
        return {c.strip(): kind for kind in KINDS for c in getattr(self, kind).split(",") if c.strip()}


# the Pokja recaps hold the measures declared for them (measures.MEASURES, `pokja`)
_RECAP_NUMBERS = ", ".join([*(name for name, m in MEASURES.items() if m.pokja), "hps", "nilai_kontrak"])
_RECAP_COUNTS = ("jumlah_paket, jumlah_proses, proses_selesai, proses_gagal, paket_ulang, proses_f8, "
                 "jumlah_sanggahan, paket_disanggah, jumlah_pokja")
_SCORED_PACKAGE = dict(
    text="kode_paket, kd_penyedia, nip_ppk, nama_penyedia, nama_ppk, catatan, kategori, nama_paket, "
         "satker_key, kd_satker, nama_satker, metode, jenis_pengadaan, sumber, no_kontrak",
    whole="baris, kualitas, biaya, waktu, layanan, tahun_anggaran, triwulan, nilai_x100",
    number="nilai, nilai_kontrak, nilai_f5", flag="putus_kontrak")
_KPI = dict(text="kode, nama, area, ukuran, satuan, polaritas, catatan, pendamping_ukuran",
            number="nilai, pembilang, penyebut, pendamping_nilai, pendamping_pembilang, "
                   "pendamping_penyebut, " + ", ".join(BESIDE),
            whole="jumlah_paket, jumlah_proses")
_KPI_BREAKDOWN = dict(text=_KPI["text"] + ", status_ukpbj, status",
                      number=_KPI["number"] + ", target, nilai_lain", whole=_KPI["whole"], flag="dibandingkan")
_IKM = dict(text="kelompok, bobot, mutu, kinerja", whole="responden, unsur_dinilai, populasi, sampel_minimum",
            number="ikm, ikm_konversi, ci_bawah, ci_atas", flag="mutu_pasti, sampel_cukup")
_NRR = dict(text="kelompok, unsur, nama, mutu", number="jumlah, nrr, konversi", whole="dijawab, tahun")

CONTRACTS: dict[str, Result] = {
    "01_rencana_indikator": Result(
        text="kode, nama, area, definisi, rumus, definisi_buku_kerja, dataset_sumber, satuan, "
             "polaritas, sumber_data, frekuensi, penanggung_jawab, baseline_sumber, status_baseline",
        number="baseline, target", whole="jumlah_rencana_aksi"),
    "01_pemetaan_area": Result(text="area, area_nama, nama_satker", whole="jumlah_paket", number="pagu"),
    "02_status_pengumpulan": Result(
        text="periode, jenis_responden, kode_responden, nama_responden, formulir, formulir_kurang, status",
        whole="triwulan, jumlah_formulir, formulir_masuk, kiriman", date="pertama, terakhir, batas",
        flag="lengkap"),
    "02_ringkasan_pengumpulan": Result(
        text="periode", whole="Tepat waktu, Terlambat, Belum masuk, responden, lengkap",
        number="tingkat_respons"),
    "02_kelengkapan_opd": Result(text="nama_satker", whole="paket_f5, terjawab_f5, paket_f8, terjawab_f8",
                                 number="kelengkapan"),
    "02_rencana_aksi": Result(
        text="kode_indikator, nama_indikator, kode_rencana_aksi, uraian",
        whole="triwulan, laporan, Belum dimulai, Berjalan, Selesai, Terkendala", number="rata_persen"),
    "02_rencana_aksi_indikator": Result(
        text="kode_indikator, nama_indikator",
        whole="rencana_aksi, Belum dimulai, Berjalan, Selesai, Terkendala", number="rata_persen"),
    "02_penolakan": Result(text="berkas, format, periode, jenis_responden, kode_responden, sheet, column, "
                                "value, reason, kategori", whole="row"),
    "02_penolakan_alasan": Result(text="kategori, jenis_kesalahan, format", whole="jumlah, berkas"),
    "02_kewajaran": Result(text="kd_paket, nama_paket, nama_satker, metode, pemeriksaan, keterangan, ukuran",
                           number="pagu, hps, nilai_kontrak, nilai_penawaran",
                           date="tgl_pengumuman, tgl_penetapan_pemenang"),
    "03_ikm": Result(**{**_IKM, "whole": _IKM["whole"] + ", tahun"}),
    "03_ikm_opd": Result(**{**_IKM, "text": _IKM["text"] + ", nama_satker"}),
    "03_nrr": Result(**_NRR),
    "03_unsur_terlemah": Result(**{**_NRR, "text": _NRR["text"] + ", tindak_lanjut",
                                   "whole": _NRR["whole"] + ", peringkat"}),
    "04_penyedia_paket": Result(**_SCORED_PACKAGE),
    "04_penyedia": Result(
        text="kd_penyedia, nama_penyedia, kategori, tren, kategori_tahun_lalu",
        whole="jumlah_paket, paket_sikap, paket_f5, jumlah_ppk, jumlah_putus, nilai_x100",
        number="nilai_kontrak, nilai, nilai_min, nilai_tahun_lalu, selisih"),
    "04_satker": Result(
        text="kd_satker, nama_satker, kategori, satker_key",
        whole="jumlah_paket, paket_sikap, paket_f5, jumlah_penyedia, jumlah_ppk, paket_sangat_baik, paket_baik, "
              "paket_cukup, "
              "paket_buruk, nilai_x100",
        number="nilai_kontrak, nilai, nilai_min"),
    "04_indeks": Result(
        whole="jumlah_paket, paket_selesai, jumlah_penyedia, penyedia_sangat_baik, penyedia_baik, "
              "penyedia_cukup, penyedia_buruk, paket_putus, paket_sikap, paket_f5",
        number="cakupan, nilai, porsi_minimal_baik, nilai_tahun_lalu", text="kategori"),
    "04_perlu_pembinaan": Result(**{**_SCORED_PACKAGE,
                                    "text": _SCORED_PACKAGE["text"] + ", kategori_penyedia",
                                    "number": _SCORED_PACKAGE["number"] + ", nilai_penyedia"}),
    "04_mutu_penilaian": Result(
        text="kode_paket, no_kontrak, nama_paket, nama_penyedia, nama_ppk, indikator_penilaian, masalah",
        number="nilai_indikator"),
    "04_selisih_sumber": Result(text="kode_paket, nama_paket, nama_satker, nama_penyedia, nama_ppk",
                                number="nilai, nilai_f5, selisih"),
    "05_pokja_paket": Result(
        text="kode_paket, kode_pokja, nama_pokja, catatan, sumber, kd_tender, kd_nontender, nama_paket, "
             "kd_satker, nama_satker, metode, jenis_pengadaan, status, jenis_gagal, id_paket, satuan_pelaksana",
        date="tgl_pengumuman, tgl_penetapan_pemenang, tgl_akhir_pemilihan_rencana",
        whole="jumlah_peserta, jumlah_sanggahan, versi_tender, durasi_hari",
        flag="tender_ulang, wajib, proses_terakhir, paket_diulang, tepat_waktu, gagal, peserta_tunggal, "
             "berlangsung, menang, dibatalkan",
        number="hps, nilai_kontrak, efisiensi_hps_paket"),
    "05_pokja": Result(text="kode_pokja, nama_pokja, sumber_data", whole=_RECAP_COUNTS + ", peringkat",
                       number=_RECAP_NUMBERS),
    "05_unit": Result(text="satuan_pelaksana, sumber_data", whole=_RECAP_COUNTS + ", peringkat",
                      number=_RECAP_NUMBERS),
    "05_total": Result(text="metode, sumber_data", whole=_RECAP_COUNTS, number=_RECAP_NUMBERS),
    "05_proses_gagal": Result(
        text="kd_paket, kd_tender, kd_nontender, id_paket, nama_paket, nama_satker, metode, jenis_gagal, "
             "jenis, alasan", whole="versi_tender, jumlah_pendaftar, jumlah_peserta", date="tgl_pengumuman",
        flag="dihitung", number="pagu"),
    "06_kpi": Result(
        text=_KPI["text"] + ", sumber, baseline_sumber, area_nama, status, keputusan, catatan_keputusan, "
                            "status_akhir, pendamping_teks, keterangan, status_tanpa_ditandai, "
                            "catatan_kewajaran, catatan_hitung",
        number=_KPI["number"] + ", baseline, target, capaian, toleransi, nilai_tanpa_ditandai, jumlah_ditandai",
        whole=_KPI["whole"], date="tanggal_data", flag="dasar_kecil"),
    "06_tren": Result(text="kode, polaritas, satuan, ukuran, status, catatan_periode", whole="triwulan",
                      number="nilai, target"),
    "06_kpi_opd": Result(**{**_KPI_BREAKDOWN, "text": "nama_satker, " + _KPI_BREAKDOWN["text"]}),
    "06_kpi_metode": Result(**{**_KPI_BREAKDOWN, "text": "metode, " + _KPI_BREAKDOWN["text"]}),
    "06_pendorong": Result(text="kode, nama_satker, satuan", whole="jumlah_paket, jumlah_proses",
                           number="nilai, nilai_lain"),
    "06_rekomendasi": Result(whole="no, jumlah_paket", text="kode, topik, temuan, rekomendasi, bukti, ringkas",
                             number="nilai",
                             flag="kewajaran"),
    "06_usulan_target": Result(text="kode, nama, satuan, dasar", number="target, nilai, usulan"),
}


def _fits(series: pd.Series, kind: str) -> bool:
    values = series.dropna()
    if values.empty:
        return True
    dtype = series.dtype
    if kind == "text":
        if isinstance(dtype, pd.CategoricalDtype):
            return all(isinstance(c, str) for c in dtype.categories)
        return types.is_string_dtype(dtype) and all(isinstance(v, str) for v in values)
    if kind == "flag":
        return types.is_bool_dtype(dtype) or (dtype == object and all(isinstance(v, (bool, np.bool_))
                                                                       for v in values))
    if kind == "date":
        return types.is_datetime64_any_dtype(dtype)
    numeric = types.is_numeric_dtype(dtype) and not types.is_bool_dtype(dtype)
    if kind == "number":
        return numeric
    return numeric and (types.is_integer_dtype(dtype)
                        or bool((values.astype("float64") % 1 == 0).all()))


def check(name: str, frame: pd.DataFrame, where: str) -> pd.DataFrame:
    """The frame if it matches the contract of result `name`; ResultError naming every column
    that is missing, undeclared or of another kind otherwise. `where` says which stage wrote or
    read it, for the message."""
    if name not in CONTRACTS:
        raise ResultError(f"Hasil tahap '{name}' tidak dideklarasikan (kinerja.pipeline.results).")
    expected = CONTRACTS[name].columns
    problems = [f"kolom '{c}' tidak ada" for c in expected if c not in frame.columns]
    problems += [f"kolom '{c}' tidak dideklarasikan" for c in frame.columns if c not in expected]
    problems += [f"kolom '{c}' bukan {_LABEL[kind]} ({frame[c].dtype})" for c, kind in expected.items()
                 if c in frame.columns and not _fits(frame[c], kind)]
    if problems:
        raise ResultError(f"Hasil tahap {name} ({where}) tidak sesuai kontraknya: "
                          + "; ".join(problems) + ".")
    return frame


def path(folder: Path, name: str) -> Path:
    return Path(folder) / f"{name}.parquet"


def write(folder: Path, name: str, frame: pd.DataFrame, stage: str) -> Path:
    """Check and write one result of `stage` to `folder` (hasil/)."""
    if WRITER.get(name) is None or WRITER[name].notebook != stage:
        raise ResultError(f"Tahap {stage} tidak mendeklarasikan hasil '{name}' "
                          f"(kinerja.pipeline.stages).")
    target = path(folder, name)
    check(name, frame, f"ditulis tahap {stage}").to_parquet(target)
    return target


def read(folder: Path, names: tuple[str, ...], stage: str) -> dict[str, pd.DataFrame]:
    """The named results from `folder`, each checked against its contract; one message listing
    the results not there yet."""
    absent = [n for n in names if not path(folder, n).exists()]
    if absent:
        writers = sorted({WRITER[n].notebook for n in absent})
        raise ResultError(f"Hasil tahap belum lengkap di {folder}: {', '.join(absent)} tidak ada. "
                          f"Jalankan tahap {', '.join(writers)} lebih dahulu (kinerja run).")
    return {n: check(n, pd.read_parquet(path(folder, n)), f"dibaca tahap {stage}") for n in names}
