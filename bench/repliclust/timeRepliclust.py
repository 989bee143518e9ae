"""Times repliclust on one of the bench's archetypes, in this (warm) Python process.

Usage: python3 timeRepliclust.py ARCHETYPE.json REPS
Imports repliclust from REPLICLUST_SRC (a checkout) when set, else the installed package. Builds
repliclust's Archetype from the same fields the product's archetype has, draws one data set to warm
up, then REPS data sets (DataGenerator.synthesize, no output written: the peer's most favourable
case), and prints one JSON object: per-data-set wall seconds (median, min, max), how many data sets
repliclust said it failed to converge on (it prints that even when asked to be quiet; the lines are
kept off stdout), the import time and the versions used.
"""
import contextlib
import io
import json
import os
import statistics
import sys
import time

if os.environ.get("REPLICLUST_SRC"):
    sys.path.insert(0, os.environ["REPLICLUST_SRC"])

started = time.perf_counter()
import numpy
import scipy
import repliclust
from repliclust import Archetype, DataGenerator, set_seed

import_s = time.perf_counter() - started
path, reps = sys.argv[1], int(sys.argv[2])
with open(path, encoding="utf-8") as f:
    a = json.load(f)
fields = ["n_clusters", "dim", "n_samples", "max_overlap", "min_overlap", "imbalance_ratio",
          "aspect_maxmin", "radius_maxmin", "aspect_ref", "scale", "distributions",
          "distribution_proportions"]
archetype = Archetype(name=a["name"], **{k: a[k] for k in fields})
set_seed(1)
generator = DataGenerator(archetype, quiet=True)
times = []
not_converged = 0
for i in range(reps + 1):
    said = io.StringIO()
    t = time.perf_counter()
    with contextlib.redirect_stdout(said):
        X, y, _ = generator.synthesize(quiet=True)
    if i > 0:  # the first one warms up
        times.append(time.perf_counter() - t)
        not_converged += "Failed to converge" in said.getvalue()
    assert X.shape == (a["n_samples"], a["dim"]) and y.shape == (a["n_samples"],)
print(json.dumps({
    "median_s": statistics.median(times), "min_s": min(times), "max_s": max(times), "n": reps,
    "not_converged": not_converged,
    "import_s": import_s, "python": sys.version.split()[0], "numpy": numpy.__version__,
    "scipy": scipy.__version__, "source": os.environ.get("REPLICLUST_SRC") or repliclust.__file__,
}))
