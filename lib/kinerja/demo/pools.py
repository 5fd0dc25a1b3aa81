"""The fictional people and companies of the demo register: PPK, Pokja Pemilihan and pejabat
pengadaan per OPD with NIPs, and the provider pool with names, NPWP and consultant and small
business flags.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from kinerja.demo.draws import codes, normalised, strs, take
from kinerja.demo.reference import (CO1, CO2, CO3, CO_KONSULTAN, FEMALE, KPP, KPP_W, LAST, MALE,
                                    NPWP_PREFIX, OPD_ROWS, TITLES)


def persons(rng, count) -> tuple[list[str], list[str]]:
    """Fictional civil servants: 'Nama, Gelar' and an 18-digit NIP (birth date, TMT, sex, no)."""
    names, nips, seen = [], [], set()
    while len(names) < count:  # loops over the ~130 staff, not over packages
        male = rng.random() < 0.62
        name = f"{rng.choice(MALE if male else FEMALE)} {rng.choice(LAST)}"
        if name in seen:
            continue
        seen.add(name)
        birth = dt.date(1966, 1, 1) + dt.timedelta(days=int(rng.integers(0, 26 * 365)))
        tmt = min(birth.year + int(rng.integers(23, 31)), 2019)
        names.append(f"{name}, {rng.choice(TITLES)}")
        nips.append(f"{birth:%Y%m%d}{tmt}{int(rng.choice([1, 3, 4, 12])):02d}"
                    f"{1 if male else 2}{int(rng.integers(1, 10)):03d}")
    return names, nips


def staff_pool(rng) -> dict:
    """1-3 PPK per OPD, 12 Pokja Pemilihan of 3 members, one pejabat pengadaan per OPD."""
    n_ppk = np.array([3 if w >= 6 else 2 if w >= 2 else 1 for *_, w, _ in OPD_ROWS])
    names, nips = persons(rng, int(n_ppk.sum()) + 12 * 3 + len(OPD_ROWS))
    k = int(n_ppk.sum())
    members = [(names[k + 3 * g:k + 3 * g + 3], nips[k + 3 * g:k + 3 * g + 3]) for g in range(12)]
    return {
        "ppk_name": strs(names[:k]), "ppk_nip": strs(nips[:k]),
        "ppk_first": np.r_[0, np.cumsum(n_ppk)[:-1]], "ppk_count": n_ppk,
        "pokja_name": strs(";".join(m) for m, _ in members),
        "pokja_nip": strs(";".join(n) for _, n in members),
        "pp_name": strs(names[k + 36:]),
    }


def provider_pool(rng, count) -> dict:
    """Provider pool: kd_penyedia, 'CV. …'/'PT. …' names, NPWP, consultant and small flags."""
    cls = np.arange(count) % 10  # a fixed mix, so every sub-pool exists even in a small pool
    konsultan = cls < 2
    small = (cls == 0) | ((cls >= 2) & (cls < 8))
    pt = ~small | (rng.random(count) < 0.2)
    form = np.where(pt, "PT.", "CV.")
    form = pd.Series(np.where(rng.random(count) < 0.9, np.char.add(form, " "), form), dtype="str")
    name = (take(CO1, rng.integers(0, len(CO1), count)) + " "
            + take(CO2, rng.integers(0, len(CO2), count)))
    third = take(CO3, rng.integers(0, len(CO3), count))
    name = name.where(rng.random(count) < 0.5, name + " " + third)
    suffix = take(CO_KONSULTAN, rng.integers(0, len(CO_KONSULTAN), count))
    name = form + name.where(~konsultan, name + " " + suffix)
    name = name.where(rng.random(count) > 0.05, name.str.title())  # as typed by some providers
    serial = pd.Series(rng.integers(0, 10**7, count)).astype("str").str.zfill(7)
    npwp = (take(NPWP_PREFIX, rng.integers(0, len(NPWP_PREFIX), count)) + "." + serial.str[0:3]
            + "." + serial.str[3:6] + "." + serial.str[6:7] + "-"
            + take(KPP, rng.choice(len(KPP), count, p=normalised(KPP_W))) + ".000")
    kd = codes(rng, count, 100_000, 9_800_000)[rng.permutation(count)]
    return {"kd": kd, "name": name.array, "npwp": npwp.array, "konsultan": konsultan,
            "small": small}
