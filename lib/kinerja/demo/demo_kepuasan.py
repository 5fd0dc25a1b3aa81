"""Demo satisfaction responses (F12 internal, F13 external) until real forms are ingested.

One file per year, `kepuasan_<year>.csv`, columns exactly `surveys.COLUMNS["kepuasan"]`:
about 180 internal respondents (PA/KPA, PPK, pejabat pengadaan, OPD staff) and 150 providers.
Answers are mostly 3, some 4 and 2, rarely 1; a few are blank (U8 most often: many never filed
a complaint). Waktu Penyelesaian and Penanganan Pengaduan are the weak unsur, Biaya/Tarif the
strong one (the service is free), and each later year is slightly better. Same arguments, same
bytes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.inputs import surveys
from kinerja.methods import satisfaction as sat

# Per-unsur shift of the latent score (U1..U9) and per-group level; the year adds IMPROVEMENT.
_SHIFT = np.array([0.05, -0.05, -0.30, 0.75, 0.0, 0.05, 0.15, -0.30, -0.10])
_LEVEL = {"internal": 3.30, "eksternal": 3.22}
IMPROVEMENT, BASE_YEAR = 0.06, 2023
_BLANK = np.array([0.01] * 7 + [0.06, 0.01])

_PROFILE = {
    "internal": {"n": (172, 189), "jenis": (0.08, 0.50, 0.17, 0.25), "laki": 0.58,
                 "pendidikan": (0, 0.05, 0.07, 0.58, 0.28, 0.02),
                 "usia": (0.03, 0.27, 0.35, 0.25, 0.10)},
    "eksternal": {"n": (142, 159), "jenis": (0.35, 0.35, 0.10, 0.20), "laki": 0.76,
                  "pendidikan": (0.02, 0.25, 0.15, 0.50, 0.08, 0),
                  "usia": (0.05, 0.30, 0.35, 0.22, 0.08)},
}
_SARAN = {
    "internal": ["Mohon jadwal pemilihan lebih tepat waktu.",
                 "Klinik pengadaan sebaiknya dibuka juga secara daring.",
                 "Perlu sosialisasi perubahan regulasi pengadaan kepada PPK.",
                 "Tanggapan atas konsultasi agar lebih cepat.",
                 "Pelayanan sudah baik, pertahankan."],
    "eksternal": ["Jawaban atas pertanyaan pada pemberian penjelasan agar lebih jelas.",
                  "Layanan bantuan LPSE sulit dihubungi saat batas akhir penawaran.",
                  "Tindak lanjut sanggahan perlu lebih terbuka.",
                  "Persyaratan kualifikasi agar disesuaikan dengan nilai paket.",
                  "Terima kasih, proses pemilihan transparan."],
}


def _group(rng: np.random.Generator, kelompok: str, year: int, opd: list[str]) -> pd.DataFrame:
    prof = _PROFILE[kelompok]
    n = int(rng.integers(*prof["n"]))
    mood = rng.normal(0, 0.35, size=(n, 1))  # some respondents are happier on every unsur
    level = _LEVEL[kelompok] + IMPROVEMENT * (year - BASE_YEAR)
    latent = level + mood + _SHIFT + rng.normal(0, 0.5, size=(n, 9))
    answers = np.clip(np.floor(latent + 0.5), 1, 4)
    answers[rng.random((n, 9)) < _BLANK] = np.nan
    pick = lambda values, p: np.asarray(values, dtype=object)[  # noqa: E731
        rng.choice(len(values), size=n, p=np.asarray(p) / np.sum(p))]
    frame = pd.DataFrame({
        "tahun_anggaran": year, "kelompok": kelompok,
        "kode_responden": [f"{kelompok[0].upper()}-{year}-{i:03d}" for i in range(1, n + 1)],
        "jenis_responden": pick(sat.JENIS_RESPONDEN[kelompok], prof["jenis"]),
        "nama_satker": pick(opd, [1] * len(opd)) if kelompok == "internal" else "",
        "jenis_kelamin": np.where(rng.random(n) < prof["laki"], *sat.JENIS_KELAMIN),
        "pendidikan": pick(sat.PENDIDIKAN, prof["pendidikan"]),
        "kelompok_usia": pick(sat.KELOMPOK_USIA, prof["usia"]),
    })
    for j, u in enumerate(sat.UNSUR):
        frame[u] = pd.array(answers[:, j], dtype="Float64").astype("Int64")
    frame["saran"] = np.where(rng.random(n) < 0.2, pick(_SARAN[kelompok], [1] * 5), "")
    return frame


def generate(out_dir: Path, year: int, seed: int, opd: list[str]) -> list[Path]:
    """Write `kepuasan_<year>.csv` into out_dir; `opd` are the internal respondents' OPD names
    (e.g. `[nama for _, nama in kinerja.demo.reference.OPD]`)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng([seed, year])
    frame = pd.concat([_group(rng, k, year, list(opd)) for k in ("internal", "eksternal")],
                      ignore_index=True)[list(surveys.COLUMNS["kepuasan"])]
    path = out_dir / f"kepuasan_{year}.csv"
    frame.to_csv(path, index=False, lineterminator="\n")
    return [path]
