"""Write kg/data/places.txt, the province, city and county names of China,
from the adcodes table of the cpca package (MIT licence, 2020 data).

    pip download --no-deps cpca==0.5.5 && unzip cpca-0.5.5-py3-none-any.whl
    python tools/make_places.py cpca/resources/adcodes.csv
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kg" / "data" / "places.txt"


def main(adcodes: str) -> None:
    with open(adcodes, encoding="utf-8") as f:
        names = sorted({row["name"] for row in csv.DictReader(f) if len(row["name"]) >= 2})
    header = ("# Names of China's provinces, cities and counties (one per line), from the\n"
              "# adcodes table of the cpca package 0.5.5 (MIT licence); made by tools/make_places.py.\n")
    OUT.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} names to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
