"""The what-if targets app (ipywidgets; JupyterLab and Voilà): sliders for each target, the
tolerance, provider weights and IKM weight, the live table and chart, and saving a scenario."""

from __future__ import annotations

import html
import time
import traceback
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.apps import scenario
from kinerja.core import config, fmt, paths
from kinerja.core.periods import Period
from kinerja.formulir import answers
from kinerja.methods import provider_scores, providers, whatif
from kinerja.methods import satisfaction as sat
from kinerja.methods.whatif import ALL, BOBOT_IKM, PERIODS, Measures, Settings
from kinerja.pipeline import workbook
from kinerja.render import whatif_html


def load(ctx: workbook.Context, period: Period) -> Measures:
    """Read the period's package scores (SIKaP, else F5: provider_scores.load, as stage 04) and
    satisfaction answers for the context and compute what does not depend on a slider
    (whatif.precompute); a file that cannot be read is named in the app instead of stopping it."""
    problems: dict[str, str] = {}
    scores = provider_scores.load(ctx.params, ctx.store, ctx.packages(), period, strict=False)
    if scores.unreadable:  # a bad survey file: named rows and columns, in Indonesian
        problems["penyedia"] = scores.unreadable
    rows = scores.scored
    try:
        responses = answers.load_responses(ctx, period.year)
    except ValueError as exc:
        problems["ikm"] = f"Data survei kepuasan tidak dapat dipakai: {exc}"
        responses = pd.DataFrame(columns=["kelompok", "nama_satker", *sat.UNSUR])
    return whatif.precompute(ctx.params, period, ctx.packages(), rows, responses, problems)


def _slider_spec(ind: config.Indikator) -> tuple[float, float, float]:
    """(min, max, step) of a target slider in the indicator's unit."""
    t, unit = float(ind.target), ind.satuan.strip().lower()
    if unit == "%":  # a small target gets a short scale, so it can be moved finely
        lo, hi, step = 0.0, 100.0 if t > 50 else float(np.ceil(max(2 * t, 10) / 5) * 5), 0.5
    elif "0–3" in unit or "0-3" in unit:
        lo, hi, step = 0.0, 3.0, 0.01
    elif "25–100" in unit or "25-100" in unit:
        lo, hi, step = 25.0, 100.0, 0.01
    elif unit == "hari":
        lo, hi, step = 0.0, float(max(60, np.ceil(t * 2 / 10) * 10)), 1.0
    else:
        lo, hi, step = 0.0, float(max(10, np.ceil(t * 2))), 0.1
    return lo, max(hi, t), step


def _error_box(message: str) -> str:
    return ("<div class='whatif-galat' style='background:#fdecea;border-left:4px solid #c62828;"
            f"padding:6px 10px;white-space:pre-wrap'>{html.escape(message)}</div>")


def _ok_box(message: str) -> str:
    return ("<div class='whatif-berhasil' style='background:#e8f5e9;border-left:4px solid #2e7d32;"
            f"padding:6px 10px;white-space:pre-wrap'>{html.escape(message)}</div>")


class App:
    """The what-if page. Build it from the stage parameters (or a ready Context); `view()`
    returns the widget tree. Every change recomputes through `refresh()`, which never raises:
    an error is shown in the page (`self.messages`) in Indonesian. With `raise_errors` (the
    notebook's test run) a failure is raised instead, so the run that executes it fails."""

    def __init__(self, params_file: str | Path | None = None, periode: str | int | None = None,
                 store: str | Path | None = None, output_dir: str | Path | None = None,
                 ctx: workbook.Context | None = None, cache: dict | None = None,
                 raise_errors: bool = False):
        import ipywidgets as w

        self.w, self.raise_errors = w, raise_errors
        self.messages = w.HTML(layout=w.Layout(width="100%"))
        self.ctx, self.error = ctx, None
        self._cache: dict[str, Measures] = {} if cache is None else cache  # period -> Measures
        self.result: pd.DataFrame | None = None
        self.last_seconds = float("nan")
        try:
            if self.ctx is None:
                self.ctx = workbook.context(params_file or "parameters/kaltim-2024.yaml",
                                            periode or "2024", store, output_dir)
            self.params = self.ctx.params
            self.settings = Settings.from_params(self.params)
            self._build()
            self.refresh()
        except Exception as exc:  # noqa: BLE001 - any failure becomes a message in the page
            if raise_errors:
                raise
            self.error = _describe(exc, "Simulasi tidak dapat dimulai")
            self.messages.value = _error_box(self.error)

    # ------------------------------------------------------------------ widgets
    def _build(self) -> None:
        w, p = self.w, self.params
        years = sorted({int(y) for y in self.ctx.packages()["tahun_anggaran"].dropna().unique()}
                       | {self.ctx.period.year})
        style = {"description_width": "initial"}
        self.year = w.Dropdown(options=[(str(y), y) for y in years], value=self.ctx.period.year,
                               description="Tahun anggaran", style=style)
        self.quarter = w.Dropdown(options=PERIODS, value=self.ctx.period.quarter or 0,
                                  description="Periode", style=style)
        self.area = w.Dropdown(options=[("Semua area strategis", ALL)]
                               + [(f"{a.kode} {a.nama}", a.kode) for a in p.area_strategis],
                               value=ALL, description="Area strategis", style=style)
        self.indicator = w.Dropdown(options=[("Semua indikator", ALL)]
                                    + [(f"{i.kode} {i.nama}", i.kode) for i in p.indikator],
                                    value=ALL, description="Indikator", style=style)

        self.sliders: dict[str, object] = {}
        self.slider_text: dict[str, object] = {}
        self.slider_rows: dict[str, object] = {}
        for ind in p.indikator:
            lo, hi, step = _slider_spec(ind)
            s = w.FloatSlider(value=float(ind.target), min=lo, max=hi, step=step, readout=False,
                              continuous_update=True, description=ind.kode, tooltip=ind.nama, layout=w.Layout(width="340px"))
            text = w.HTML()
            name = w.HTML(f"<span title='{html.escape(ind.nama)}'>{html.escape(ind.nama)}</span>",
                          layout=w.Layout(width="300px"))
            self.sliders[ind.kode], self.slider_text[ind.kode] = s, text
            self.slider_rows[ind.kode] = w.HBox([s, text, name])
            s.observe(self._on_target, names="value")

        m = p.metode
        wide = {"description_width": "240px"}
        self.tolerance = w.FloatSlider(value=float(m.toleransi_status), min=0, max=0.5, step=0.01,
                                       readout=False, continuous_update=True,
                                       description="Toleransi status", style=wide,
                                       layout=w.Layout(width="420px"))
        self.tolerance_text = w.HTML()
        labels = {a: providers.ASPECT_LABELS[a] for a in providers.ASPECTS}
        self.weights = {a: w.IntSlider(value=int(v), min=0, max=100, step=5, readout=False,
                                       continuous_update=True, description=labels[a],
                                       style=wide, layout=w.Layout(width="420px"))
                        for a, v in zip(providers.ASPECTS, self.settings.bobot_pct)}
        self.weight_text = {a: w.HTML() for a in providers.ASPECTS}
        self.weight_total = w.HTML()
        self.ikm_weight = w.ToggleButtons(options=[(v, k) for k, v in BOBOT_IKM.items()],
                                          value=m.bobot_ikm, description="Bobot unsur IKM",
                                          style={**wide, "button_width": "220px"})
        self.reset = w.Button(description="Kembalikan nilai berkas", layout=w.Layout(width="240px"),
                              tooltip="Target, toleransi dan bobot kembali seperti berkas parameter")

        self.summary = w.HTML()
        self.table = w.HTML()
        self.chart = w.HTML()
        self.note = w.HTML()
        self.timing = w.HTML()

        self.save_name = w.Text(placeholder=f"{p.source.stem}-whatif-<tanggal-jam>.yaml",
                                description="Nama berkas baru", style=style,
                                layout=w.Layout(width="520px"))
        self.save_button = w.Button(description="Simpan sebagai berkas parameter baru",
                                    button_style="primary",
                                    layout=w.Layout(width="300px"))
        self.save_status = w.HTML()

        for widget in (self.year, self.quarter):
            widget.observe(self._on_period, names="value")
        for widget in (self.area, self.indicator):
            widget.observe(self._on_filter, names="value")
        self.tolerance.observe(self._on_method, names="value")
        for s in self.weights.values():
            s.observe(self._on_method, names="value")
        self.ikm_weight.observe(self._on_method, names="value")
        self.reset.on_click(lambda _: self._guard(self.reset_settings))
        self.save_button.on_click(lambda _: self._guard(self.save))

        self.target_box = w.VBox()
        self._apply_filter()
        self._update_labels()

    def view(self):
        """The page: choices, sliders, results, save."""
        w = self.w
        if self.error:
            return w.VBox([w.HTML("<h3>Simulasi Target Indikator Kinerja</h3>"), self.messages])
        p = self.params
        head = w.HTML(f"<div><b>{html.escape(p.ukpbj.nama)}</b> — berkas parameter "
                      f"<code>{html.escape(p.source.name)}</code> (tahun {p.tahun})</div>")
        section = lambda t: w.HTML(f"<h4 style='margin:10px 0 2px'>{t}</h4>")  # noqa: E731
        choose = w.HBox([w.VBox([self.year, self.quarter]), w.VBox([self.area, self.indicator])])
        method = w.VBox([w.HBox([self.tolerance, self.tolerance_text]),
                         w.HTML("<b>Bobot aspek penilaian kinerja penyedia</b> (jumlah 100%)"),
                         *[w.HBox([self.weights[a], self.weight_text[a]]) for a in providers.ASPECTS],
                         self.weight_total, self.ikm_weight, self.reset])
        return w.VBox([
            head, section("Pilihan"), choose,
            section("Target indikator"), self.target_box,
            section("Metode"), method,
            section("Hasil"), self.messages, self.summary, self.table, self.note, self.chart,
            self.timing,
            section("Simpan"), w.HTML("Target, toleransi dan bobot di atas ditulis ke berkas "
                                      "parameter baru di folder yang sama; berkas asal tidak "
                                      "pernah ditimpa."),
            w.HBox([self.save_name, self.save_button]), self.save_status,
        ], layout=w.Layout(width="100%"))

    def _ipython_display_(self):  # `app` as the last line of a cell shows the page too
        from IPython.display import display
        display(self.view())

    # ------------------------------------------------------------------ events
    def _guard(self, fn, *args) -> None:
        try:
            fn(*args)
        except scenario.SaveError as exc:
            self.save_status.value = _error_box(f"Berkas tidak disimpan: {exc}.")
        except Exception as exc:  # noqa: BLE001 - shown in the page, never lost in a log
            if self.raise_errors:
                raise
            self.messages.value = _error_box(_describe(exc, "Perhitungan ulang gagal"))

    def _on_target(self, change) -> None:
        owner = change["owner"]
        self.settings.targets[owner.description] = float(change["new"])
        self._guard(self.refresh)

    def _on_method(self, _change) -> None:
        self.settings.toleransi = float(self.tolerance.value)
        self.settings.bobot_pct = tuple(int(self.weights[a].value) for a in providers.ASPECTS)
        self.settings.bobot_ikm = self.ikm_weight.value
        self._guard(self.refresh)

    def _on_period(self, _change) -> None:
        self._guard(self.refresh)

    def _on_filter(self, _change) -> None:
        self._guard(self._filter_changed)

    def _filter_changed(self) -> None:
        self._apply_filter()
        self.refresh()

    def _apply_filter(self) -> None:
        self.target_box.children = [self.slider_rows[i.kode] for i in self.selected()]

    def selected(self) -> list[config.Indikator]:
        """The indicators the area / indicator choice shows."""
        chosen = [i for i in self.params.indikator
                  if self.area.value in (ALL, i.area) and self.indicator.value in (ALL, i.kode)]
        return chosen

    @property
    def period(self) -> Period:
        return Period(int(self.year.value), self.quarter.value or None)

    def measures(self) -> Measures:
        key = self.period.label
        if key not in self._cache:
            self._cache[key] = load(self.ctx, self.period)
        return self._cache[key]

    def _update_labels(self) -> None:
        for ind in self.params.indikator:
            s = self.sliders[ind.kode]
            before = whatif_html.fmt_nilai(ind.target, ind.satuan)
            now = whatif_html.fmt_nilai(s.value, ind.satuan)
            changed = "" if abs(s.value - ind.target) < 1e-9 else f" <small>(berkas: {before})</small>"
            self.slider_text[ind.kode].value = f"<b>{now}</b>{changed}"
        self.tolerance_text.value = (f"<b>{whatif_html.fmt_persen(self.tolerance.value * 100, 0)}</b> dari target "
                                     "(pita <i>Perlu perhatian</i>)")
        for a in providers.ASPECTS:
            self.weight_text[a].value = f"<b>{whatif_html.fmt_persen(self.weights[a].value, 0)}</b>"
        total = sum(self.settings.bobot_pct)
        self.weight_total.value = (f"Jumlah bobot: <b>{whatif_html.fmt_persen(total, 0)}</b>" if total == 100 else
                                   f"<span style='color:#c62828'>Jumlah bobot: <b>{whatif_html.fmt_persen(total, 0)}"
                                   f"</b> — harus 100%</span>")

    def refresh(self) -> pd.DataFrame:
        """Re-whatif.evaluate and redraw; the seconds it took are in `last_seconds`."""
        t0 = time.perf_counter()
        self._update_labels()
        m = self.measures()
        shown = self.selected()
        result = whatif.evaluate(m, shown, self.settings, self.params.area_strategis)
        problems = [text for key, text in m.problems.items()
                    if not key.startswith("ikm ") or key == f"ikm {self.settings.bobot_ikm}"]
        if sum(self.settings.bobot_pct) != 100:
            problems.append(f"Bobot penilaian penyedia berjumlah {sum(self.settings.bobot_pct)}%, "
                            f"harus 100%: indeks kinerja penyedia tidak dihitung sampai bobot "
                            f"diperbaiki, dan berkas tidak dapat disimpan.")
        self.messages.value = _error_box("\n".join(problems)) if problems else ""
        self.summary.value = whatif_html.summary_html(result)
        self.table.value = whatif_html.table_html(result)
        self.chart.value = whatif_html.chart_svg(result)
        self.note.value = self._note(m)
        self.result = result
        self.last_seconds = time.perf_counter() - t0
        self.timing.value = (f"<small style='color:#666'>Dihitung ulang dalam "
                             f"{fmt.angka(self.last_seconds, 3)} detik.</small>")
        return result

    def _note(self, m: Measures) -> str:
        return ("<small style='color:#444'>" + html.escape(
            f"{m.period.nama}. Status: Tercapai bila realisasi memenuhi target menurut arah "
            f"indikator; Perlu perhatian bila selisihnya dalam toleransi "
            f"{fmt.persen(self.settings.toleransi * 100, 0)} dari target; Tidak tercapai bila "
            f"lebih. OPD memenuhi target: OPD yang realisasinya sendiri (paket OPD itu) memenuhi "
            f"target, dari OPD yang memiliki realisasi; untuk indeks kinerja penyedia, rata-rata "
            f"nilai paket OPD/penyedia; untuk IKM internal, OPD dengan paling sedikit "
            f"{whatif.MIN_RESPONDEN_OPD} responden. IKM dihitung dari survei tahun {m.period.year}.")
            + "</small>")

    def reset_settings(self) -> None:
        """Back to the parameter file's values."""
        original = Settings.from_params(self.params)
        for kode, s in self.sliders.items():
            s.value = original.targets[kode]
        self.tolerance.value = original.toleransi
        for a, v in zip(providers.ASPECTS, original.bobot_pct):
            self.weights[a].value = v
        self.ikm_weight.value = original.bobot_ikm
        self.settings = original
        self.refresh()

    def save(self, name: str | None = None) -> Path:
        """Write the current choice to a new parameter file (see `save`); report in the page."""
        path, done = scenario.save_parameters(self.params, self.settings,
                                     name if name is not None else self.save_name.value)
        listed = "\n".join(f"- {d}" for d in done) or "- tidak ada perubahan (salinan berkas asal)"
        try:
            shown = path.relative_to(paths.ROOT)
        except ValueError:
            shown = path
        self.save_status.value = _ok_box(
            f"Tersimpan: {shown}\n{listed}\nLaporan dengan berkas ini: kinerja run --params {shown}")
        return path


def _describe(exc: Exception, what: str) -> str:
    """One Indonesian sentence for an exception shown in the page (details of unexpected ones
    are kept short: class, message and the innermost frame)."""
    if isinstance(exc, (config.ParameterError, scenario.SaveError, ValueError, FileNotFoundError)):
        return f"{what}: {exc}"
    tb = traceback.extract_tb(exc.__traceback__)
    where = f" ({Path(tb[-1].filename).name}, baris {tb[-1].lineno})" if tb else ""
    return f"{what}: galat tak terduga {exc.__class__.__name__}: {exc}{where}"
