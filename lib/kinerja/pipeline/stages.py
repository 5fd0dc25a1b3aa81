"""The SOP stages, each declared once: its notebook, the parameter-file sections and store data it
reads, the earlier stages' results it reads, and the results and formats it writes.

Everything else derives from this table: the batch's order (a stage runs after the stages whose
results it reads), what the report stage loads (`upstream`), the contract a result is checked
against on write and on read (`kinerja.pipeline.results`), which files belong to a stage when its
outputs are reused, and what makes a stage run again (`kinerja.pipeline.fingerprint`).

A stage's notebook sees only the parameter sections declared here (`workbook.context(stage=…)`
hides the others and fails loudly when one is read), so a reused stage can never have depended
on a section whose edit did not re-run it.
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.core.config import Parameters

# Store data a stage can read; fingerprint.data_digests() hashes each by content.
REGISTER, SURVEYS = "register", "survei"

# Parameter-file sections (top-level keys). `tahun` is read by every stage and always visible.
ALL_SECTIONS = tuple(name for name in Parameters.model_fields if name != "tahun")


@dataclass(frozen=True)
class Stage:
    notebook: str
    title: str
    report_format: str | None   # the format the stage's own HTML/PDF report is
    sections: tuple[str, ...]   # parameter-file sections the stage reads
    data: tuple[str, ...]       # store data it reads (REGISTER, SURVEYS)
    results: tuple[str, ...]    # results it writes (contracts in kinerja.pipeline.results)
    formats: tuple[str, ...]    # SOP formats it writes (F1…F16)
    upstream: tuple[str, ...] = ()   # earlier stages' results it reads
    pdf: bool = False           # its report is printed by default (others with `kinerja run --pdf`)
    template: str | None = None  # page template with title page and contents (render/templates)
    forms: tuple[str, ...] = ()  # next period's blank forms, written on request (`--formulir`)
    documents: bool = False     # writes documents people sign (Word, F16): told `draf` to mark them
    # the file name (before the year or period) of the deck its approval meeting is presented with
    # (Materi presentasi, .pptx; recorded without a format number: not one of the SOP's F1–F16)
    deck: str | None = None


STAGES = (
    Stage("01_perencanaan", "Perencanaan Kinerja", "F3",
          sections=("ukpbj", "pejabat", "tim", "surat", "data", "metode", "tujuan",
                    "area_strategis", "indikator"), data=(REGISTER,),
          results=("01_rencana_indikator", "01_pemetaan_area"),
          formats=("F1", "F2", "F3"), pdf=True, documents=True, deck="Materi_Presentasi_Perencanaan"),
    Stage("02_survei_teknis", "Survei Teknis", None,
          sections=("ukpbj", "data", "metode", "indikator"), data=(REGISTER, SURVEYS),
          results=("02_status_pengumpulan", "02_ringkasan_pengumpulan", "02_kelengkapan_opd",
                   "02_rencana_aksi", "02_rencana_aksi_indikator", "02_penolakan",
                   "02_penolakan_alasan", "02_kewajaran"),
          formats=(), forms=("F4", "F5", "F8")),
    Stage("03_kepuasan", "Survei Kepuasan Pelanggan", "F14",
          sections=("ukpbj", "data", "metode"), data=(REGISTER, SURVEYS),
          results=("03_ikm", "03_nrr", "03_ikm_opd", "03_unsur_terlemah"),
          formats=("F12", "F13", "F14")),
    Stage("04_penyedia", "Evaluasi Kinerja Penyedia", None,
          sections=("ukpbj", "data", "metode", "indikator"), data=(REGISTER, SURVEYS),
          results=("04_penyedia_paket", "04_penyedia", "04_satker", "04_indeks",
                   "04_perlu_pembinaan", "04_mutu_penilaian", "04_selisih_sumber"),
          formats=("F6", "F7")),
    Stage("05_pokja", "Evaluasi Kinerja Pokja Pemilihan", None,
          sections=("ukpbj", "data", "metode", "indikator", "satuan_pelaksana"), data=(REGISTER, SURVEYS),
          results=("05_pokja_paket", "05_pokja", "05_unit", "05_total", "05_proses_gagal"),
          formats=("F9", "F10", "F11")),
    Stage("06_laporan", "Laporan Evaluasi Kinerja Pengadaan", "F15",
          sections=ALL_SECTIONS, data=(REGISTER, SURVEYS),
          upstream=("01_rencana_indikator", "01_pemetaan_area", "02_ringkasan_pengumpulan",
                    "02_rencana_aksi_indikator", "02_penolakan_alasan", "02_kelengkapan_opd",
                    "02_kewajaran", "03_ikm", "03_nrr", "03_unsur_terlemah", "04_indeks", "04_penyedia",
                    "04_penyedia_paket", "04_mutu_penilaian", "04_selisih_sumber", "05_total", "05_pokja",
                    "05_proses_gagal"),
          results=("06_kpi", "06_tren", "06_kpi_opd", "06_kpi_metode", "06_pendorong",
                   "06_rekomendasi", "06_usulan_target"),
          formats=("F15", "F16"), pdf=True, template="laporan_evaluasi.html.j2", documents=True,
          deck="Materi_Presentasi_Laporan"),
)
BY_NOTEBOOK = {s.notebook: s for s in STAGES}
WRITER = {name: s for s in STAGES for name in s.results}  # result -> the stage that writes it


def get(notebook: str) -> Stage:
    try:
        return BY_NOTEBOOK[notebook]
    except KeyError:
        raise ValueError(f"Tahap '{notebook}' tidak dikenal; tahap yang ada: "
                         f"{', '.join(BY_NOTEBOOK)}.") from None


def upstream_stages(stage: Stage) -> list[Stage]:
    """The stages whose results `stage` reads, in batch order."""
    names = {WRITER[r].notebook for r in stage.upstream}
    return [s for s in STAGES if s.notebook in names]


def waves() -> list[list[Stage]]:
    """Stages grouped so that each group needs only earlier groups: a group runs in parallel."""
    level: dict[str, int] = {}
    for s in STAGES:  # declared in an order where upstream comes first
        level[s.notebook] = 1 + max((level[u.notebook] for u in upstream_stages(s)), default=-1)
    return [[s for s in STAGES if level[s.notebook] == n] for n in range(max(level.values()) + 1)]


def stage_of_file(name: str) -> Stage | None:
    """The stage a file of the run belongs to, by the stage number its name starts with
    (hasil/01_*.parquet, 02_survei_teknis.html …)."""
    return next((s for s in STAGES if name.startswith(s.notebook[:3])), None)
