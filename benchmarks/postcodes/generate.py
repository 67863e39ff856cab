"""Write an ONS Postcode Directory shaped CSV: N rows, ONSPD's column names (pcd, pcd2, pcds, dointr...,
lat, long and the rest), about 1 in 100 rows terminated with no grid reference (lat 99.999999), as the
real file has. Usage: python generate.py ROWS OUT.csv"""

import csv
import random
import string
import sys

COLUMNS = ["pcd", "pcd2", "pcds", "dointr", "doterm", "oscty", "ced", "oslaua", "osward", "parish", "usertype",
           "oseast1m", "osnrth1m", "osgrdind", "oshlthau", "nhser", "ctry", "rgn", "streg", "pcon", "eer",
           "teclec", "ttwa", "pct", "itl", "statsward", "oa01", "casward", "npark", "lsoa01", "msoa01", "ur01ind",
           "oac01", "oa11", "lsoa11", "msoa11", "wz11", "sicbl", "bua24", "ru11ind", "oac11", "lat", "long", "lep1",
           "lep2", "pfa", "imd", "calncv", "icb", "oa21", "lsoa21", "msoa21"]


def postcodes(rng: random.Random):
    letters = string.ascii_uppercase
    for area in ("AB", "B", "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "CA", "CB", "CF", "CH", "CM", "CO",
                 "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "E", "EC", "EH",
                 "EN", "EX", "FK", "FY", "G", "GL", "GU", "HA", "HD", "HG", "HP", "HR", "HS", "HU", "HX", "IG",
                 "IP", "IV", "KA", "KT", "KW", "KY", "L", "LA", "LD", "LE", "LL", "LN", "LS", "LU", "M", "ME"):
        for district in range(1, 100):
            for sector in range(10):
                for a in letters[:26]:
                    for b in letters[:26]:
                        yield f"{area}{district} {sector}{a}{b}"


def main(rows: int, out: str) -> None:
    rng = random.Random(7)
    with open(out, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for count, postcode in enumerate(postcodes(rng)):
            if count >= rows:
                break
            if rng.random() < 0.01:
                lat, long = "99.999999", "0.000000"
            else:
                lat, long = f"{rng.uniform(50.0, 58.5):.6f}", f"{rng.uniform(-5.5, 1.7):.6f}"
            filler = ["E0000" + str(rng.randrange(1000)) for _ in range(len(COLUMNS) - 5)]
            row = [postcode.replace(" ", ""), postcode, postcode, "198001", "", *filler[:36], lat, long,
                   *filler[36:]]
            writer.writerow(row[:len(COLUMNS)])


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
