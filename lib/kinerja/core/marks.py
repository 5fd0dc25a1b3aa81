"""The marks a parameter file carries in its comments: `# ISI:` on a value only the UKPBJ can
give (still a placeholder: a signed document must not carry it) and `# USULAN:` on a default
`kinerja init` proposed (goals, areas, indicator texts, action plans, targets without a national
basis: presented as a proposal until the UKPBJ adopts it by deleting the comment).

Read from the YAML text with the same node positions the what-if save edits by
(kinerja.apps.scenario.set_value), so a value keeps its mark through a save. Keys are written as
the parameter loader names them in its messages: `pejabat.kepala_ukpbj.nama`,
`indikator[3].target`, `indikator[3].rencana_aksi`.
"""

from __future__ import annotations

import yaml

ISI = "ISI"
USULAN = "USULAN"
# A placeholder value written by `kinerja init` ('ISI: nama Kepala UKPBJ'): unfilled even when its
# comment was deleted.
PLACEHOLDER = "ISI:"


def comment_mark(comment: str) -> str | None:
    """ISI or USULAN when a comment (the text after '#') starts with that mark, else None."""
    text = comment.lstrip("#").strip()
    for mark in (ISI, USULAN):
        if text.startswith(mark + ":"):
            return mark
    return None


def _comment_after(text: str, index: int) -> str:
    """The comment on the rest of the line from `index` ('' when there is none)."""
    end = text.find("\n", index)
    rest = text[index:] if end < 0 else text[index:end]
    at = rest.find("#")
    return rest[at:] if at >= 0 else ""


def key_text(path) -> str:
    """'indikator[3].target' for the path ('indikator', 3, 'target')."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (("." if out else "") + str(part))
    return out


def _walk(text: str, node, path: list, found: dict[str, str]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            here = [*path, key.value]
            # A scalar or a flow collection ends on the key's line: its comment follows it; a block
            # collection's comment follows the key's colon.
            inline = isinstance(value, yaml.ScalarNode) or getattr(value, "flow_style", False)
            after = value.end_mark.index if inline else key.end_mark.index
            mark = comment_mark(_comment_after(text, after))
            if isinstance(value, yaml.ScalarNode) and str(value.value).startswith(PLACEHOLDER):
                mark = ISI
            if mark:
                found[key_text(here)] = mark
            _walk(text, value, here, found)
    elif isinstance(node, yaml.SequenceNode):
        for n, item in enumerate(node.value):
            if isinstance(item, yaml.ScalarNode):
                # an item of a flow list ['a', 'b'] shares its key's line: the comment is the key's
                mark = None if node.flow_style else comment_mark(_comment_after(text, item.end_mark.index))
                if str(item.value).startswith(PLACEHOLDER):
                    mark = ISI
                if mark:
                    found[key_text([*path, n])] = mark
            _walk(text, item, [*path, n], found)


def read(text: str) -> dict[str, str]:
    """Key -> ISI or USULAN for every value of the YAML text that carries a mark."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return {}  # the loader reports the broken file
    found: dict[str, str] = {}
    _walk(text, root, [], found)
    return found


def section(key: str) -> str:
    """The top-level section of a key ('indikator' of 'indikator[3].target')."""
    return key.split(".")[0].split("[")[0]
