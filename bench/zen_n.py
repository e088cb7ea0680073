#!/usr/bin/env python3
"""Runs GoRules zen-engine's evaluate N times on one case, for instruction counting.

Wall-clock figures on shared machines are noisy; instruction counts are not. Count Zen's
instructions per decision as the difference of two runs divided by the difference of N:

    V=.build/zen-venv/bin/python
    valgrind --tool=callgrind --callgrind-out-file=/tmp/z1 $V bench/zen_n.py CASE.json 1
    valgrind --tool=callgrind --callgrind-out-file=/tmp/z11 $V bench/zen_n.py CASE.json 11
    # (Ir of z11 - Ir of z1) / 10

Usage: zen_n.py CASE.json N [trace]   (needs zen-engine==2.1.3, see ../shared/peers/README.md)
"""
import json
import os
import sys

import zen

PEERS = os.environ.get("PEERS", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "peers"))
graph = json.load(open(os.path.join(PEERS, "zen", "mda_route.jdm.json")))
engine = zen.ZenEngine({"loader": {"type": "static", "content": {"mda": graph}}})
case = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
opts = {"trace": True} if len(sys.argv) > 3 else {}
ctx = json.dumps(case.get("case", case), separators=(",", ":")).encode()
for _ in range(n):
    engine.evaluate("mda", ctx, opts)
