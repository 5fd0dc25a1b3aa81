"""A what-if scenario saved as a new parameter file: the changed targets, tolerance and weights
written into a copy of the original YAML text (comments and layout kept), never over the original."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import yaml

from kinerja.core import config, fmt
from kinerja.methods import providers
from kinerja.methods.whatif import Settings


class SaveError(Exception):
    """A save that did not happen; the message is for the user (Indonesian)."""


def _child(node, key: str):
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None


def _last_leaf(node):
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node


def _block(keys: list[str], literal: str, indent: int) -> str:
    lines = [" " * (indent + 2 * n) + f"{k}:" for n, k in enumerate(keys)]
    lines[-1] += f" {literal}"
    return "\n".join(lines)


def set_value(text: str, path: tuple, literal: str) -> str:
    """`text` with the YAML value at `path` replaced by `literal` (a YAML scalar as written),
    keeping every other character (comments, quoting, order). A path step is a mapping key or
    (key, value) to pick the sequence item whose `key` equals `value`. A missing key is added
    at the end of its mapping."""
    node = yaml.compose(text)
    for n, step in enumerate(path):
        if isinstance(step, tuple):
            items = node.value if isinstance(node, yaml.SequenceNode) else []
            found = [i for i in items if isinstance(i, yaml.MappingNode)
                     and getattr(_child(i, step[0]), "value", None) == step[1]]
            if not found:
                raise SaveError(f"butir dengan {step[0]} '{step[1]}' tidak ditemukan")
            node = found[0]
            continue
        if not isinstance(node, yaml.MappingNode):
            raise SaveError(f"kunci '{'.'.join(map(str, path[:n]))}' bukan bagian berisi kunci")
        child = _child(node, step)
        if child is None:  # add the missing key (and what is under it) to this mapping
            rest = [str(k) for k in path[n:]]
            if node.flow_style:
                nested = literal
                for k in reversed(rest[1:]):
                    nested = f"{{{k}: {nested}}}"
                at = node.end_mark.index - 1  # before the closing brace
                sep = ", " if node.value else ""
                return text[:at] + f"{sep}{rest[0]}: {nested}" + text[at:]
            indent = node.value[0][0].start_mark.column if node.value else 0
            leaf = _last_leaf(node)
            at = text.find("\n", leaf.end_mark.index)
            at = len(text) if at < 0 else at
            return text[:at] + "\n" + _block(rest, literal, indent) + text[at:]
        node = child
    if not isinstance(node, yaml.ScalarNode):
        raise SaveError(f"kunci '{'.'.join(map(str, path))}' bukan nilai tunggal")
    return text[:node.start_mark.index] + literal + text[node.end_mark.index:]


def _number(value: float) -> str:
    return repr(round(float(value), 6))


def changes(params: config.Parameters, s: Settings) -> list[tuple[tuple, str, str]]:
    """(YAML path, new literal, Indonesian description) for each setting that differs from
    the parameter file."""
    out = []
    for ind in params.indikator:
        new = round(float(s.targets.get(ind.kode, ind.target)), 6)
        if new != round(float(ind.target), 6):
            out.append((("indikator", ("kode", ind.kode), "target"), _number(new),
                        f"{ind.kode} target: {fmt.angka(ind.target, 2)} → {fmt.angka(new, 2)}"))
    m = params.metode
    if round(s.toleransi, 6) != round(m.toleransi_status, 6):
        out.append((("metode", "toleransi_status"), _number(s.toleransi),
                    f"toleransi status: {fmt.persen(m.toleransi_status * 100, 0)} → "
                    f"{fmt.persen(s.toleransi * 100, 0)}"))
    old = providers.weights_pct(m.bobot_penyedia)
    for aspect, before, after in zip(providers.ASPECTS, old, s.bobot_pct):
        if int(before) != int(after):
            out.append((("metode", "bobot_penyedia", aspect), _number(after / 100),
                        f"bobot penyedia {aspect}: {before}% → {after}%"))
    if s.bobot_ikm != m.bobot_ikm:
        out.append((("metode", "bobot_ikm"), f"'{s.bobot_ikm}'",
                    f"bobot IKM: {m.bobot_ikm} → {s.bobot_ikm}"))
    return out


SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def target_path(params: config.Parameters, name: str | None = None,
                now: dt.datetime | None = None) -> Path:
    """Where a save goes: beside the original file, `<stem>-whatif-<YYYYmmdd-HHMMSS>.yaml`
    or the name typed by the user (a file name, not a path; .yaml added when missing)."""
    source = params.source
    if source is None:
        raise SaveError("berkas parameter asal tidak diketahui")
    name = (name or "").strip()
    if not name:
        stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
        return source.parent / f"{source.stem}-whatif-{stamp}.yaml"
    if not SAFE_NAME.match(name):
        raise SaveError(f"nama berkas '{name}' tidak sah: pakai huruf, angka, titik, garis bawah "
                        f"atau tanda hubung saja, tanpa folder")
    if not name.lower().endswith((".yaml", ".yml")):
        name += ".yaml"
    return source.parent / name


def save_parameters(params: config.Parameters, s: Settings, name: str | None = None,
         now: dt.datetime | None = None) -> tuple[Path, list[str]]:
    """Write the settings into a NEW parameter file made from the original file's text with only
    the changed values replaced; validate it with `config.load` before it is written, never
    overwrite a file. Returns (path, descriptions of the changes). Raises SaveError."""
    if sum(s.bobot_pct) != 100:
        raise SaveError(f"bobot penilaian penyedia berjumlah {sum(s.bobot_pct)}%, harus 100%")
    path = target_path(params, name, now)
    if path.exists():
        raise SaveError(f"berkas '{path.name}' sudah ada; berkas yang ada tidak pernah ditimpa — "
                        f"pilih nama lain")
    try:
        text = params.source.read_text(encoding="utf-8")
    except OSError as exc:
        raise SaveError(f"berkas asal '{params.source}' tidak dapat dibaca ({exc.strerror})") from None
    todo = changes(params, s)
    for yaml_path, literal, _ in todo:
        text = set_value(text, yaml_path, literal)
    when = fmt.tanggal(now or dt.datetime.now()) + (now or dt.datetime.now()).strftime(" %H.%M")
    head = [f"# Dibuat oleh Simulasi Target (notebooks/whatif_target.ipynb) pada {when}",
            f"# dari {params.source.name}. Perubahan:"]
    head += [f"# - {d}" for _, _, d in todo] or ["# - (tidak ada; salinan berkas asal)"]
    text = "\n".join(head) + "\n" + text
    # Validate before anything is written where the user will look.
    with tempfile.TemporaryDirectory() as tmp:
        check = Path(tmp) / path.name
        check.write_text(text, encoding="utf-8")
        try:
            loaded = config.load(check)
        except config.ParameterError as exc:
            raise SaveError(f"berkas hasil tidak sah: {exc}") from None
    got = Settings.from_params(loaded)
    want = Settings(dict(s.targets), s.toleransi, tuple(s.bobot_pct), s.bobot_ikm)
    if (any(abs(got.targets[k] - want.targets.get(k, got.targets[k])) > 1e-9 for k in got.targets)
            or abs(got.toleransi - want.toleransi) > 1e-9 or got.bobot_pct != want.bobot_pct
            or got.bobot_ikm != want.bobot_ikm):
        raise SaveError("berkas hasil tidak memuat nilai yang dipilih; tidak disimpan")
    try:
        with open(path, "x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        raise SaveError(f"berkas '{path.name}' sudah ada; pilih nama lain") from None
    except PermissionError:
        raise SaveError(f"folder '{path.parent}' tidak dapat ditulisi (izin ditolak)") from None
    except OSError as exc:
        raise SaveError(f"berkas '{path}' tidak dapat ditulis ({exc.strerror})") from None
    return path, [d for _, _, d in todo]
