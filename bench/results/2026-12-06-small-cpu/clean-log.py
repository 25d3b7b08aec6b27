"""Turns a run log with tqdm progress (carriage returns) into plain text: of each progress line only
its last state is kept. Usage: clean-log.py seed0.log > seed0.txt"""
import sys

with open(sys.argv[1], encoding="utf-8", errors="replace", newline="") as f:
    for line in f.read().split("\n"):
        sys.stdout.write(line.split("\r")[-1].rstrip() + "\n")
