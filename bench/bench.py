"""`make bench`: seconds and peak memory of every stage of the report, for the demo province and
for 20,000 and 1,000,000 packages a year; the intake of 1,000 forms; the ratio of the notebook
pipeline to the same work in one plain Python process. Writes bench/results.json and
bench/results.md (the table for the README). Works in bench/.work (git-ignored; data is
generated once and reused).

Per size:
- computation: the lib/ functions called directly in a child process — packages from the store
  (load_seconds), every KPI (year and quarters) and the plan table, every provider and Pokja
  computation on the same packages (F5/F8 rows as text for every scored 2024 package of the
  store, built by bench_scale.from_register; building them is not timed). `seconds` is loading
  plus every computation, `peak_mb` the child's peak over all of it;
- the plain-Python floor (bench/floor.py): every stage notebook's cells in one process, split
  into computation cells, charts, Excel, Word, then HTML and PDF — each with its peak memory;
- the whole `make report` (warm: the floor run loaded the store first), with the peak memory
  of its process tree and of its largest kernel, and the seconds of each stage from its manifest.
The 1,000,000 case is computation only: its notebooks would write a survey form for each of
tens of thousands of respondents.

    .venv/bin/python bench/bench.py [--sizes demo,20000,1000000] [--skip-intake]
    .venv/bin/python bench/bench.py --only-computation --merge --skip-intake --repeat 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_report  # noqa: E402
from kinerja.core import config, fmt, paths  # noqa: E402

WORK = HERE / ".work"
PY = sys.executable
TARGETS = {"demo_force_s": 25, "demo_unchanged_s": 5, "demo_laporan_s": 15, "suite_s": 360,
           "pipeline_ratio": 1.5, "computation_1m_s": 15, "computation_1m_mb": 4096,
           "intake_1000_s": 60}
REPORT_RUNS = 3  # runs of each report case (median); `make report` unchanged: at least 5


# ---------------------------------------------------------------- data and parameter files
def case_params(size: str) -> Path:
    """A parameter file for the case, with its own store in bench/.work (never data/)."""
    work = WORK / f"kasus-{size}"
    work.mkdir(parents=True, exist_ok=True)
    if size == "demo":
        reg = paths.DATA / "sample"  # the demo data `make demo` writes
        if not (reg / ".generated").exists():
            raise SystemExit("Data demo belum ada: jalankan `make demo` dahulu.")
    else:
        reg = work / "register"
        if not (reg / ".ok").exists():
            from kinerja.demo import generate as demo
            print(f"  membuat data demo {fmt.angka(int(size))} paket…", flush=True)
            demo.generate(reg, year=2024, packages=int(size), seed=2024)
            if int(size) <= 100_000:  # survey rows and returned forms for the notebooks
                demo.generate_surveys(reg, year=2024, seed=2024,
                                      params=config.load(paths.DEFAULT_PARAMS))
            (reg / ".ok").touch()
    raw = yaml.safe_load(paths.DEFAULT_PARAMS.read_text(encoding="utf-8"))
    raw["data"] = {"register_paket": [str(reg)], "store": str(work / "kinerja.duckdb"),
                   "survei": str(reg / "survei")}
    if (reg / "formulir").exists():
        raw["data"]["formulir"] = str(reg / "formulir")
    path = work / f"bench-{size}-2024.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def ensure_loaded(params_file: Path) -> float:
    """Register and returned forms into the case's store (untimed preparation)."""
    t0 = time.perf_counter()
    code = ("import sys; from kinerja.core import config; from kinerja.formulir import intake; from kinerja.pipeline.workbook import "
            "ensure_register; p = config.load(sys.argv[1]); ensure_register(p, p.store_path); "
            "intake.ensure_forms(p, p.store_path)")
    subprocess.run([PY, "-c", code, str(params_file)], check=True)
    return round(time.perf_counter() - t0, 1)


# ---------------------------------------------------------------- computation (child process)
def computation(params_file: Path) -> dict:
    """Child process: every KPI, provider and Pokja computation on the store's packages."""
    import bench_scale
    from floor import peak_mb, reset_peak, trim_heap
    from kinerja.core.periods import Period
    from kinerja.inputs import packages, store
    from kinerja.methods import indicators

    params = config.load(params_file)
    phase_mb = {}
    reset_peak()
    t0 = time.perf_counter()
    con = store.connect(params.store_path, read_only=True)
    try:
        pk = packages.for_params(con, params)
    finally:
        con.close()
    load_s = time.perf_counter() - t0
    phase_mb["load"] = peak_mb()
    reset_peak()
    t0 = time.perf_counter()
    scope = params.metode.metode_dalam_lingkup
    for label in ("2024", "2024-TW1", "2024-TW2", "2024-TW3", "2024-TW4"):
        indicators.realisation(pk, params.indikator, Period.parse(label), scope=scope,
                               areas=params.area_strategis)
    indicators.plan_table(pk, params, Period.parse("2024"))
    kpi_s = time.perf_counter() - t0
    phase_mb["kpi"] = peak_mb()
    rows, rows_year = len(pk), int((pk["tahun_anggaran"] == 2024).sum())
    data = bench_scale.from_register(pk, 2024)
    gc.collect()
    trim_heap()  # what building the rows freed is not the next phase's memory
    reset_peak()
    prov_s, steps, rated = bench_scale.run_once(data)
    phase_mb["providers_pokja"] = peak_mb()
    return {"packages_in_store": rows, "packages_2024": rows_year,
            "f5_rows": len(data["scores"]), "f8_rows": len(data["pokja"]),
            "load_seconds": round(load_s, 3),
            "kpi_seconds": round(kpi_s, 3), "providers_pokja_seconds": round(prov_s, 3),
            "computation_seconds": round(kpi_s + prov_s, 3),
            "seconds": round(load_s + kpi_s + prov_s, 3), "providers_rated": rated,
            # the peak is reset between phases (VmHWM), so the process peak is their maximum
            "peak_mb": max(phase_mb.values()), "peak_mb_by_phase": phase_mb,
            "peak_mb_computation": max(phase_mb["kpi"], phase_mb["providers_pokja"]),
            "steps": steps}


def run_json(cmd: list[str], **kwargs) -> dict:
    done = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        raise SystemExit(f"Gagal: {' '.join(cmd)}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return json.loads(done.stdout[done.stdout.index("{"):])


# ---------------------------------------------------------------- process tree sampler
class TreeSampler(threading.Thread):
    """Polls /proc: peak summed RSS of a process and its descendants, the largest single
    kernel, and the CPU seconds of every process seen."""

    def __init__(self, root: int, interval: float = 0.1):
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peak_mb = self.kernel_peak_mb = 0.0
        self.cpu: dict[int, float] = {}
        self.stop = threading.Event()
        self.page = os.sysconf("SC_PAGE_SIZE")
        self.tick = os.sysconf("SC_CLK_TCK")

    def _sample(self) -> None:
        parent, info = {}, {}
        for d in os.listdir("/proc"):
            if not d.isdigit():
                continue
            try:
                stat = Path(f"/proc/{d}/stat").read_text()
                rss = int(Path(f"/proc/{d}/statm").read_text().split()[1]) * self.page / 2**20
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            parent[int(d)] = int(fields[1])
            info[int(d)] = (rss, (int(fields[11]) + int(fields[12])) / self.tick)
        tree, frontier = {self.root}, [self.root]
        children: dict[int, list[int]] = {}
        for pid, ppid in parent.items():
            children.setdefault(ppid, []).append(pid)
        while frontier:
            for c in children.get(frontier.pop(), []):
                if c not in tree:
                    tree.add(c)
                    frontier.append(c)
        total = 0.0
        for pid in tree & info.keys():
            rss, cpu = info[pid]
            total += rss
            self.cpu[pid] = cpu
            if pid != self.root:
                try:
                    if b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes():
                        self.kernel_peak_mb = max(self.kernel_peak_mb, rss)
                except OSError:
                    pass
        self.peak_mb = max(self.peak_mb, total)

    def run(self) -> None:
        while not self.stop.is_set():
            self._sample()
            self.stop.wait(self.interval)


def timed_tree(cmd: list[str], **kwargs) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - t0
    sampler.stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"Gagal: {' '.join(cmd)}\n{out[-2000:]}\n{err[-3000:]}")
    return {"seconds": round(seconds, 2), "peak_mb": round(sampler.peak_mb, 1),
            "kernel_peak_mb": round(sampler.kernel_peak_mb, 1),
            "cpu_seconds": round(sum(sampler.cpu.values()), 1)}


# ---------------------------------------------------------------- one case
def pipeline_case(size: str) -> dict:
    params_file = case_params(size)
    work = params_file.parent
    result = {"prepare_seconds": ensure_loaded(params_file)}
    result["computation"] = run_json([PY, __file__, "--computation", str(params_file)])
    print(f"  komputasi: {result['computation']['seconds']} s", flush=True)
    floor = run_json([PY, str(HERE / "floor.py"), "--params", str(params_file),
                      "--out", str(work / "floor")])
    floor.pop("cells", None)
    result["floor"] = floor
    print(f"  lantai Python biasa: {floor['seconds_total']} s", flush=True)
    out = work / "run"
    result["make_report"] = timed_tree(["make", "-s", "-C", str(paths.ROOT), "report",
                                        f"PARAMS={params_file}", f"OUT={out}", "FORCE=1"])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    result["pipeline"] = {"seconds_total": manifest["seconds_total"], "stages": manifest["stages"],
                          "artifacts": len(manifest["artifacts"])}
    result["ratio_pipeline_to_floor"] = round(result["make_report"]["seconds"]
                                              / floor["seconds_total"], 2)
    print(f"  make report: {result['make_report']['seconds']} s "
          f"(rasio {result['ratio_pipeline_to_floor']})", flush=True)
    if size == "demo":  # the SOP's loop: every stage, nothing changed, the report's section edited
        result["report_loop"] = bench_report.report_loop(params_file, work / "putaran", timed_tree,
                                                         REPORT_RUNS)
        print("  " + ", ".join(f"{k} {v['seconds']} s" for k, v in result["report_loop"].items()),
              flush=True)
    return result


def computation_case(size: str, repeat: int = 1) -> dict:
    """The computation child `repeat` times; the run with the median `seconds` is kept (the
    machine is shared), with every run's seconds beside it."""
    params_file = case_params(size)
    result = {"prepare_seconds": ensure_loaded(params_file)}
    runs = sorted((run_json([PY, __file__, "--computation", str(params_file)])
                   for _ in range(repeat)), key=lambda r: r["seconds"])
    result["computation"] = {**runs[len(runs) // 2], "seconds_runs": [r["seconds"] for r in runs],
                             "peak_mb_runs": [r["peak_mb"] for r in runs]}
    print(f"  komputasi: {result['computation']['seconds']} s, "
          f"{result['computation']['peak_mb']} MB", flush=True)
    return result


# ---------------------------------------------------------------- report
def _cell(seconds, mb) -> str:
    if seconds is None:
        return "–"
    return f"{fmt.angka(seconds, 1)} s · {fmt.angka(mb)} MB" if mb else f"{fmt.angka(seconds, 1)} s"


def markdown(results: dict) -> str:
    cases = results["cases"]
    names = {"demo": "Provinsi demo (±1.500 paket)", "20000": "20.000 paket",
             "1000000": "1.000.000 paket"}
    heads = [names.get(k, k) for k in cases]
    rows = []

    def row(label, getter):
        vals = []
        for case in cases.values():
            try:
                vals.append(getter(case))
            except (KeyError, TypeError):
                vals.append("–")
        rows.append(f"| {label} | " + " | ".join(vals) + " |")

    kinds = (("computation", "sel komputasi (data, tabel)"), ("charts", "grafik"),
             ("excel", "Excel (F4–F14, formulir)"), ("word", "Word (F1–F3)"),
             ("html", "HTML (nbconvert)"), ("pdf", "PDF (WeasyPrint)"))
    row("**Memuat paket + semua KPI, penyedia, Pokja** (fungsi `lib/` langsung)",
        lambda c: _cell(c["computation"]["seconds"], c["computation"]["peak_mb"]))
    row("— memuat paket dari basis data (semua tahun)",
        lambda c: _cell(c["computation"]["load_seconds"], c["computation"]["peak_mb_by_phase"]["load"]))
    row("— komputasi (semua KPI, penyedia, Pokja)",
        lambda c: _cell(c["computation"]["computation_seconds"],
                        c["computation"]["peak_mb_computation"]))
    for key, label in kinds:
        row(f"Python biasa — {label}",
            lambda c, key=key: _cell(c["floor"]["kinds"][key]["seconds"],
                                     c["floor"]["kinds"][key]["peak_mb"]))
    row("**Lantai Python biasa** (satu proses, berurutan)",
        lambda c: _cell(c["floor"]["seconds_total"], None))
    row("Notebook: eksekusi (jumlah per tahap)",
        lambda c: _cell(sum(s["execute_seconds"] for s in c["pipeline"]["stages"]),
                        c["make_report"]["kernel_peak_mb"]))
    row("Notebook: HTML + PDF (jumlah per tahap)",
        lambda c: _cell(sum(s["render_seconds"] for s in c["pipeline"]["stages"]), None))
    row("**`make report FORCE=1`** (hangat, semua tahap)",
        lambda c: _cell(c["make_report"]["seconds"], c["make_report"]["peak_mb"]))
    row("Waktu CPU `make report` (semua proses)",
        lambda c: _cell(c["make_report"]["cpu_seconds"], None))
    row("**Rasio** pipeline notebook ÷ lantai Python biasa",
        lambda c: fmt.angka(c["ratio_pipeline_to_floor"], 2) + " ×")
    lines = ["| tahap | " + " | ".join(heads) + " |", "| --- |" + " --- |" * len(heads), *rows]
    loop = cases.get("demo", {}).get("report_loop")
    if loop:
        lines += ["", "| `make report` pada provinsi demo | median | min–maks | tahap yang dijalankan |",
                  "| --- | --- | --- | --- |"]
        for key, label in LOOP_LABELS.items():
            c = loop[key]
            ran = sorted({nb for r in c["runs"] for nb in r["stages_run"]})
            lines.append(f"| {label} | {fmt.angka(c['seconds'], 1)} s | {fmt.angka(c['min'], 1)}–"
                         f"{fmt.angka(c['max'], 1)} s | {', '.join(ran) or 'tidak ada (semua dipakai ulang)'} |")
    suite = results.get("suite")
    if suite:
        lines += ["", f"`make test`: {fmt.angka(suite['seconds'] / 60, 1)} menit ({suite['summary']})."]
    intake = results.get("intake")
    if intake:
        lines += ["", f"Penerimaan {fmt.angka(intake['forms'])} formulir terisi: "
                  f"{fmt.angka(intake['seconds'], 1)} s ({fmt.angka(intake['ms_per_form'], 1)} ms "
                  f"per formulir), memori puncak {fmt.angka(intake['peak_memory_mb'])} MB."]
    lines += ["", "| target | hasil | tercapai |", "| --- | --- | --- |"]
    for t in results["targets"]:
        ok = "–" if t["ok"] is None else "ya" if t["ok"] else "**tidak**"
        lines.append(f"| {t['target']} | {t['measured']} | {ok} |")
    m = results["machine"]
    lines += ["", f"Diukur {results['date']} pada {m['cpus']} inti, {fmt.angka(m['memory_gb'])} GB, "
              f"Python {m['python']}; waktu dinding (wall) dalam detik, memori = RSS puncak. "
              f"Mesin dipakai bersama, sehingga angka dapat bergeser ±20%."]
    return "\n".join(lines) + "\n"


LOOP_LABELS = {"force": "`FORCE=1` (semua tahap)", "unchanged": "tanpa perubahan",
               "laporan": "setelah menyunting `laporan.catatan`"}


def targets(results: dict) -> list[dict]:
    out = []
    cases = results["cases"]
    loop = cases.get("demo", {}).get("report_loop")
    if loop:
        for key, limit, extra in (("force", "demo_force_s", None), ("unchanged", "demo_unchanged_s", []),
                                  ("laporan", "demo_laporan_s", ["06_laporan"])):
            c = loop[key]
            ran_ok = extra is None or all(r["stages_run"] == extra for r in c["runs"])
            out.append({"target": f"Provinsi demo, `make report` {LOOP_LABELS[key]} ≤ "
                                  f"{TARGETS[limit]} s" + (f" ({', '.join(extra) or 'tidak ada tahap'} "
                                                           "dijalankan)" if extra is not None else ""),
                        "measured": f"{fmt.angka(c['seconds'], 1)} s (median)",
                        "ok": c["seconds"] <= TARGETS[limit] and ran_ok})
    if "demo" in cases and "ratio_pipeline_to_floor" in cases["demo"]:
        r = cases["demo"]["ratio_pipeline_to_floor"]
        out.append({"target": "Pipeline notebook ≤ 1,5 × lantai Python biasa",
                    "measured": f"{fmt.angka(r, 2)} ×", "ok": r <= TARGETS["pipeline_ratio"]})
    if "1000000" in cases:
        c = cases["1000000"]["computation"]
        out.append({"target": "1.000.000 paket: memuat paket + semua KPI/penyedia/Pokja ≤ 15 s",
                    "measured": f"{fmt.angka(c['seconds'], 1)} s (memuat "
                                f"{fmt.angka(c['load_seconds'], 1)} s)",
                    "ok": c["seconds"] <= TARGETS["computation_1m_s"]})
        out.append({"target": "… dengan memori puncak ≤ 4 GB",
                    "measured": f"{fmt.angka(c['peak_mb'] / 1024, 1)} GB",
                    "ok": c["peak_mb"] <= TARGETS["computation_1m_mb"]})
    if results.get("suite"):
        s = results["suite"]["seconds"]
        out.append({"target": "`make test` ≤ 6 menit", "measured": f"{fmt.angka(s / 60, 1)} menit",
                    "ok": s <= TARGETS["suite_s"] and results["suite"]["exit_code"] == 0})
    if results.get("intake"):
        s = results["intake"]["seconds"]
        out.append({"target": "Penerimaan 1.000 formulir ≤ 60 s", "measured": f"{fmt.angka(s, 1)} s",
                    "ok": s <= TARGETS["intake_1000_s"]})
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="demo,20000,1000000")
    ap.add_argument("--skip-intake", action="store_true")
    ap.add_argument("--skip-suite", action="store_true", help="do not time `make test`")
    ap.add_argument("--merge", action="store_true", help="keep the cases and intake of the last "
                    "results.json that this run does not measure again")
    ap.add_argument("--only-computation", action="store_true", help="measure only the computation "
                    "of each size (with --merge the other figures of the last results.json stay)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each computation case "
                    "(the median is kept)")
    ap.add_argument("--computation", metavar="PARAMS", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.computation:
        print(json.dumps(computation(Path(args.computation))))
        return
    WORK.mkdir(parents=True, exist_ok=True)
    results = {"date": dt.datetime.now().isoformat(timespec="seconds"),
               "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                           "memory_gb": round(os.sysconf("SC_PAGE_SIZE")
                                              * os.sysconf("SC_PHYS_PAGES") / 2**30)},
               "cases": {}}
    previous = HERE / "results.json"
    if args.merge and previous.exists():
        last = json.loads(previous.read_text(encoding="utf-8"))
        results["cases"] = last.get("cases", {})
        for key in ("intake", "suite"):
            if last.get(key):
                results[key] = last[key]
    for size in args.sizes.split(","):
        print(f"== {size}", flush=True)
        load_before = [round(x, 2) for x in os.getloadavg()]
        if args.only_computation:
            results["cases"].setdefault(size, {}).update(computation_case(size, args.repeat))
        else:
            results["cases"][size] = (computation_case(size, args.repeat) if size == "1000000"
                                      else pipeline_case(size))
        results["cases"][size]["measured"] = {"date": dt.datetime.now().isoformat(timespec="seconds"),
                                              "loadavg_before": load_before}
        save(results)  # a partial table survives an interrupted run
    if not args.skip_intake:
        import bench_intake
        print("== penerimaan 1.000 formulir", flush=True)
        results["intake"] = bench_intake.measure(WORK / "penerimaan", 1000, 4000)
        print(f"  {results['intake']['seconds']} s", flush=True)
    if not args.skip_suite:
        print("== make test", flush=True)
        results["suite"] = bench_report.suite()
        print(f"  {results['suite']['seconds']} s, {results['suite']['summary']}", flush=True)
    save(results)
    print(markdown(results))


def save(results: dict) -> None:
    order = ["demo", "20000", "1000000"]
    results["cases"] = dict(sorted(results["cases"].items(),
                                   key=lambda kv: order.index(kv[0]) if kv[0] in order else 9))
    results["targets"] = targets(results)
    (HERE / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    (HERE / "results.md").write_text(markdown(results), encoding="utf-8")


if __name__ == "__main__":
    main()
