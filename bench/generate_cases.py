#!/usr/bin/env python3
"""Writes N generated cases, one JSON object per line, for `origo check --batch` throughput runs.

Usage: python3 bench/generate_cases.py N MATERIALS > cases.jsonl
Products and materials are drawn from real HS 2022 subheadings of several chapters (textiles, plastics, steel,
vehicles, food), with decimal-string amounts, mixed origins and claims. Deterministic (fixed seed).
"""
import json
import random
import sys

PRODUCTS = ["620520", "610910", "392310", "730890", "871200", "520512", "170490", "940360", "848180", "200979"]
MATERIALS = ["520512", "520842", "390110", "392390", "720851", "730120", "871491", "871493", "170199", "040120",
             "960621", "540110", "441899", "732690", "848190", "080510", "200911", "320890", "721070", "731815"]
ORIGINS = ["UZ", "CN", "RU", "DE", "TR", "KZ", "IN", "FR"]
PROCESSES = ["weaving", "making_up", "spinning", "knitting", "cutting", "welding", "assembly", "moulding",
             "packing", "labelling", "dyeing", "printing", "bleaching", "scouring", "cooking"]


def case(rng, n_materials):
    scheme = "uk-dcts" if rng.random() < 0.3 else "eu-gsp"
    materials = []
    for i in range(n_materials):
        origin = rng.choice(ORIGINS)
        materials.append({
            "hs": rng.choice(MATERIALS), "description": f"material {i}",
            "value": f"{rng.randint(1, 5000)}.{rng.randint(0, 99):02d}", "weight_kg": str(rng.randint(1, 50)),
            "origin": origin, "originating": origin == "UZ" and rng.random() < 0.7,
        })
    return {
        "scheme": scheme, "exporting_country": rng.choice(["UZ", "UZ", "UZ", "BD", "KH"]), "date": "2026-05-11",
        "product": {"hs": rng.choice(PRODUCTS), "ex_works_price": f"{rng.randint(50_000, 500_000)}.00",
                    "weight_kg": str(rng.randint(100, 5000))},
        "materials": materials,
        "processes": rng.sample(PROCESSES, rng.randint(1, 4)),
    }


def main():
    count, n_materials = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(20261128)
    out = sys.stdout
    for _ in range(count):
        out.write(json.dumps(case(rng, n_materials), separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
