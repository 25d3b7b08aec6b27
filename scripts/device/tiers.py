"""The full-run records, as one ranked list, on the lent GPU machine (run from the repo root there).

  python3 scripts/device/tiers.py check             first call: every module and file the runs need
  python3 scripts/device/tiers.py plan [--rehearsal FILE]   the timed plan: which calls, how long, what fits
  python3 scripts/device/tiers.py run --tier 1 [--tier 2 …] --out $OUT [--budget-s 540] [--tiny]

Tiers, in the order GPU time is spent on them (TIERS below is the one table of them):
  1  ours original seeds 0–2, PyTorch original fp32 seeds 0–2
  2  ours corrected seeds 0–2, PyTorch corrected (the chapters' program) fp32 seeds 0–2
  3  ours at the small configuration (64 × 64, corrected, all 101 classes) seeds 0–2: beside the
     PyTorch CPU band at that size (src/data/reference/small-pytorch-cpu-s*.json), with its epoch
     time (the 101-class browser demo's proxy)
  4  the step benchmark: stock kernels, ours and PyTorch in one call (timed, so alone)
  5  PyTorch original with cuDNN's defaults (TF32 allowed) seeds 0–2
Every run uses the shared split (src/data/splits/chapters.json) and writes its own record straight
into --out when it finishes, so a call that ends early still returns what ran; a log per run and
tiers-summary.json (updated after every run) lie beside them. Runs whose seconds are not being
measured run concurrently and say so in their records (`provenance.concurrent`). A run that
would not finish within the call's budget (estimated from the plan's speeds) is not started;
one still running at the budget's end is stopped and named in the summary.

--tiny rehearses everything here at a tiny configuration (SwiftShader, Debian's PyTorch on the
CPU): 2 classes × 4 images at 16 × 16, one epoch (the chapters' program: its test profile).
Ours runs through the packed bundle when $APP/train-full.mjs exists (APP, default /tmp/app, as
setup.sh unpacks it), else through `npx tsx scripts/train-full.ts`.
"""
import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SPLIT = "src/data/splits/chapters.json"
SEEDS = (0, 1, 2)
WORKERS = 15  # the reference's DataLoader workers on the 16-core machine; fixed, so draws stay comparable
MODULES = ("torch", "torchvision", "PIL", "numpy", "matplotlib", "tqdm", "scipy")
MAX_TOGETHER = 6  # runs sharing one call: 6 × (15 loader workers or one decoding process) is plenty for 16 cores
TINY = {"classes": "2", "per-class": "4", "size": "16", "epochs": "1", "batch": "4"}


def runs_of(tier):
    """The runs of one tier, in rank order: (name, engine, recipe, precision, seed) or the benchmark."""
    if tier == 1:
        return [("ours", "original", "fp32", s) for s in SEEDS] + [("pytorch", "original", "fp32", s) for s in SEEDS]
    if tier == 2:
        return [("ours", "corrected", "fp32", s) for s in SEEDS] + [("pytorch", "corrected", "fp32", s) for s in SEEDS]
    if tier == 3:
        return [("ours", "small", "fp32", s) for s in SEEDS]
    if tier == 4:
        return [("bench", "step", "fp32", None)]
    if tier == 5:
        return [("pytorch", "original", "tf32", s) for s in SEEDS]
    raise ValueError(f"unknown tier {tier} (choose 1 … 5)")


TIERS = {t: runs_of(t) for t in (1, 2, 3, 4, 5)}
# The small configuration of the learner's path: the chapters' program at image_size = 64 (its
# `small` profile), i.e. our engine's corrected recipe at crop size 64 on every class.
SMALL_SIZE = "64"


def run_name(engine, recipe, precision, seed):
    return f"{engine}-{recipe}-{precision}" + ("" if seed is None else f"-s{seed}")


def ours_command(tiny):
    app = os.environ.get("APP", "/tmp/app")
    if os.path.exists(os.path.join(app, "train-full.mjs")):
        return [os.path.join(app, "node") if os.path.exists(os.path.join(app, "node")) else "node", os.path.join(app, "train-full.mjs")]
    return ["npx", "tsx", "scripts/train-full.ts"]


def bench_command():
    app = os.environ.get("APP", "/tmp/app")
    node = os.path.join(app, "node") if os.path.exists(os.path.join(app, "node")) else "node"
    if os.path.exists(os.path.join(app, "bench-step.mjs")):
        return [node, os.path.join(app, "bench-step.mjs")]
    return ["npx", "tsx", "scripts/bench-step.ts"]


def command(run, out, tiny, concurrent):
    """The command line and extra environment of one run; its record goes to out/NAME.json."""
    engine, recipe, precision, seed = run
    name = run_name(*run)
    record = os.path.join(out, name + ".json")
    small = [x for k, v in TINY.items() for x in (f"--{k}", v)] if tiny else []
    flag = ["--concurrent"] if concurrent else []
    py = sys.executable
    if engine == "ours" and recipe == "small":
        size = [] if tiny else ["--size", SMALL_SIZE]
        return ours_command(tiny) + ["--recipe", "corrected", "--seed", str(seed), "--split", SPLIT, "--name", name, "--out", record] + size + small + flag, {}
    if engine == "ours":
        return ours_command(tiny) + ["--recipe", recipe, "--seed", str(seed), "--split", SPLIT, "--name", name, "--out", record] + small + flag, {}
    if engine == "pytorch" and recipe == "original":
        tf32 = "off" if precision == "fp32" else "default"
        return [py, "scripts/pytorch/reference_original.py", "--seed", str(seed), "--tf32", tf32, "--workers", str(WORKERS),
                "--name", name, "--out", record] + small + flag, {}
    if engine == "pytorch" and recipe == "corrected":
        profile, data = ("test,device", "tiny") if tiny else ("device", "full")
        return [py, "tests/python/run_chapters.py", "--profile", profile, "--data", data, "--record", record, "--name", name] + flag, {
            "SEED": str(seed), "NUM_WORKERS": str(WORKERS), "TF32": "False"}
    if engine == "bench":
        args = ["--sizes", "16", "--batch", "4", "--classes", "2", "--steps", "2", "--warmup", "1"] if tiny else []
        node = bench_command() + args + ["--kernels", "stock,fast", "--json", os.path.join(out, "bench-step.json")]
        torch_step = [py, "bench/pytorch_step.py"] + args + ["--json", os.path.join(out, "pytorch-step.json")]
        # one shell line: both benchmarks in the same call, one after the other
        return ["bash", "-c", " ".join(map(sh_quote, node)) + " && " + " ".join(map(sh_quote, torch_step))], {}
    raise ValueError(f"unknown run {run}")


def sh_quote(s):
    return "'" + s.replace("'", "'\\''") + "'"


# --- plan ---------------------------------------------------------------------------------------

def measured_speeds():
    """Seconds per run on the H200, from committed records (each with its source), else None."""
    speeds = {}
    with open(os.path.join(ROOT, "src", "data", "reference", "pytorch-full-run.json"), encoding="utf-8") as f:
        ref = json.load(f)
    ref_epochs = [e["seconds"] for r in ref["runs"] for e in r["epochs"]]
    speeds["pytorch"] = (sum(ref_epochs) / len(ref_epochs) * 10, "10 × the mean epoch of src/data/reference/pytorch-full-run.json (H200, 15 workers)")
    path = os.path.join(ROOT, "src", "data", "runs", "full-run.json")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            full = json.load(f)
        seconds = sum(e["seconds"] for e in full["epochs"])
        speeds["ours"] = (seconds + 70, f"{len(full['epochs'])} epochs of src/data/runs/full-run.json ({full['environment']['adapter']}) + ~70 s decoding (bench/results/README.md)")
    return speeds


# Not measured yet on the lent machine: stated, so the plan says what it assumes.
ASSUMED = {
    "machine start": (180, "assumed: the lent machine's start takes minutes"),
    "setup call": (40, "assumed: unpacking one data part or Node + bundles"),
    "pytorch corrected extra": (30, "assumed: the chapters' blocks besides training (plots, counts)"),
    "concurrency": (1.5, "assumed factor: several runs share the GPU and 16 cores"),
    "ours small": (150, "assumed: ~70 s decoding + 10 epochs at 64 × 64 (≈ 1/12 of the 224 step's FLOPs)"),
    "bench": (300, "assumed: bench-step stock + fast at 224 and 64, then PyTorch (the 2026-11-26 calls ran 4–7 min)"),
}


def estimate(run, speeds, concurrent):
    engine, recipe, _, _ = run
    factor = ASSUMED["concurrency"][0] if concurrent else 1.0
    if engine == "bench":
        return ASSUMED["bench"][0]
    if engine == "ours" and recipe == "small":
        return ASSUMED["ours small"][0] * factor
    if engine == "ours":
        return speeds.get("ours", (600, ""))[0] * factor
    base = speeds["pytorch"][0] + (ASSUMED["pytorch corrected extra"][0] if recipe == "corrected" else 0)
    return base * factor


def pack_calls(speeds, per_call, factor):
    """Runs in rank order, packed greedily into calls of at most per_call seconds each.

    Runs in one call run concurrently (factor on each estimate when more than one); the benchmark
    always gets a call of its own. Returns [(names, seconds)].
    """
    calls = []
    for tier, runs in TIERS.items():
        for run in runs:
            name = run_name(*run)
            alone = estimate(run, speeds, False)
            if calls and run[0] != "bench" and not calls[-1][2] and len(calls[-1][0]) < MAX_TOGETHER:
                names = calls[-1][0] + [name]
                together = max(estimate(r, speeds, True) for r in calls[-1][3] + [run])
                if together <= per_call:
                    calls[-1] = (names, together, False, calls[-1][3] + [run])
                    continue
            calls.append(([name], alone, run[0] == "bench", [run]))
    return [(names, seconds) for names, seconds, _, _ in calls]


def plan(rehearsal=None, budget=900, per_call=540, ours_s=None):
    speeds = measured_speeds()
    if ours_s:
        speeds["ours"] = (ours_s, "given with --ours-s")
    lines = ["Timed plan for the lent GPU machine (15 min in all, 10 min per command):", ""]
    lines.append("Speeds used:")
    for k, (v, why) in speeds.items():
        lines.append(f"  {k:8} {v:6.0f} s per full run alone — {why}")
    lines.append("Assumed (not yet measured on the lent machine):")
    for k, (v, why) in ASSUMED.items():
        lines.append(f"  {k:24} {v:>5} — {why}")
    if rehearsal:
        with open(rehearsal, encoding="utf-8") as f:
            summary = json.load(f)
        lines.append(f"Rehearsal ({summary.get('where', '?')}, tiny configuration, {len(summary['runs'])} runs): "
                     + ", ".join(f"{r['name']} {r['seconds']:.0f} s ({r['status']})" for r in summary["runs"]))
    left = budget - ASSUMED["machine start"][0]
    setup = ASSUMED["setup call"][0]
    lines += ["", f"Machine start ~{ASSUMED['machine start'][0]} s; ~{left} s left for calls, each command at most {per_call} s of runs:"]
    for what, cmd in (("carry .device .gl .device-data1", "bash scripts/device/setup.sh --need app && . /tmp/app/env.sh && python3 scripts/device/tiers.py check"),
                      ("carry .device-data2", "bash scripts/device/setup.sh --need app")):
        left -= setup
        lines.append(f"  call ({what}, ~{setup} s, {left:.0f} s left): {cmd}")
    first, fitted = True, []
    for names, seconds in pack_calls(speeds, per_call, ASSUMED["concurrency"][0]):
        t = seconds + (setup if first else 10)
        carry = "carry .device-data3, " if first else ""
        fits = t <= left
        if fits:
            left -= t
            fitted += names
        cmd = (f"bash scripts/device/setup.sh --need app --need data && . /tmp/app/env.sh && "
               f"python3 scripts/device/tiers.py run --only {','.join(names)} --out $OUT --budget-s {per_call}")
        lines.append(f"  call ({carry}timeout_s 600, ~{t:.0f} s, {'fits, ' + str(round(left)) + ' s left' if fits else 'beyond the 15 minutes'}): {cmd}")
        if fits:
            first = False
        elif fitted or not first:
            pass
    tiers_done = [t for t, runs in TIERS.items() if all(run_name(*r) in fitted for r in runs)]
    lines.append(f"Complete tiers within 15 minutes: {', '.join(map(str, tiers_done)) or 'none'}; "
                 f"runs that fit: {', '.join(fitted) or 'none'}. The rest goes to the next session, in rank order.")
    return "\n".join(lines)


# --- check --------------------------------------------------------------------------------------

def check(tiny=False):
    missing = [m for m in MODULES if importlib.util.find_spec(m) is None]
    problems = [f"Python module {m} missing for {sys.executable}" for m in missing]
    if not missing:
        import torch

        if not tiny and not torch.cuda.is_available():
            problems.append("torch.cuda.is_available() is False: no GPU for the PyTorch runs")
        print(f"check: torch {torch.__version__}, CUDA {torch.version.cuda}, "
              f"{torch.cuda.get_device_name() if torch.cuda.is_available() else 'no GPU'}")
    cmd = ours_command(tiny)
    if cmd[0] != "npx" and not os.path.exists(cmd[0]) and shutil.which(cmd[0]) is None:
        problems.append(f"{cmd[0]} not found (send call 1: setup.sh unpacks Node and the bundles)")
    if cmd[0] == "npx" and not tiny:
        problems.append("no packed bundle $APP/train-full.mjs (run scripts/device/pack.sh here, send .device)")
    if cmd[0] != "npx" and not os.path.exists(os.path.join(os.path.dirname(cmd[-1]), "decode-worker.mjs")):
        problems.append(f"{os.path.dirname(cmd[-1])}/decode-worker.mjs missing (train:full decodes with it; pack.sh bundles it)")
    sys.path.insert(0, os.path.join(ROOT, "tests", "python"))
    import run_chapters

    if run_chapters.find_node() is None:
        problems.append("no Node >= 22.6 for scripts/notebook.ts: run_chapters.py generates the chapters' notebook with it "
                        "(send call 1: setup.sh unpacks $APP/node)")
    for path in (SPLIT, "scripts/pytorch/reference_original.py", "tests/python/run_chapters.py", "scripts/notebook.ts", "bench/pytorch_step.py"):
        if not os.path.exists(os.path.join(ROOT, path)):
            problems.append(f"{path} missing from the working tree")
    data = os.environ.get("CALTECH101_DIR")
    if not data or not os.path.isdir(os.path.join(data, "101_ObjectCategories")):
        problems.append("CALTECH101_DIR does not hold 101_ObjectCategories/ (source /tmp/app/env.sh after setup.sh)")
    for p in problems:
        print(f"check: MISSING: {p}")
    print("check: everything the runs import is there" if not problems else f"check: {len(problems)} problem(s)")
    return 0 if not problems else 1


# --- run ----------------------------------------------------------------------------------------

def run_tiers(tiers, out, budget, tiny, parallel, only=None):
    os.makedirs(out, exist_ok=True)
    speeds = measured_speeds()
    deadline = time.time() + budget
    summary = {"where": os.uname().nodename, "tiny": tiny, "tiers": tiers, "runs": []}
    summary_path = os.path.join(out, "tiers-summary.json")

    def save():
        with open(summary_path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(summary, f, indent=1)
        os.replace(summary_path + ".tmp", summary_path)

    if only:
        known = {run_name(*r) for runs in TIERS.values() for r in runs}
        unknown = [n for n in only if n not in known]
        if unknown:
            sys.exit(f"tiers: unknown run(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        tiers = sorted({t for t, runs in TIERS.items() for r in runs if run_name(*r) in only})
    for tier in tiers:
        runs = [r for r in TIERS[tier] if not only or run_name(*r) in only]
        if only:
            # the plan packs runs of several tiers into one call: they run together
            runs = [r for t in tiers for r in TIERS[t] if run_name(*r) in only] if tier == tiers[0] else []
        if not runs:
            continue
        concurrent = runs[0][0] != "bench" and len(runs) > 1 and parallel > 1
        queue, active = list(runs), []
        while queue or active:
            while queue and len(active) < (parallel if concurrent else 1):
                run = queue.pop(0)
                name = run_name(*run)
                need = 0 if tiny else estimate(run, speeds, concurrent)
                if time.time() + need > deadline:
                    summary["runs"].append({"tier": tier, "name": name, "status": "not started: would not finish in the budget", "seconds": 0})
                    print(f"tiers: skip {name} (needs ~{need:.0f} s, {deadline - time.time():.0f} s left)", flush=True)
                    continue
                argv, env = command(run, out, tiny, concurrent)
                log = open(os.path.join(out, name + ".log"), "w", encoding="utf-8")
                print(f"tiers: start {name}: {' '.join(argv)}", flush=True)
                proc = subprocess.Popen(argv, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **env, "PYTHONUNBUFFERED": "1"})
                active.append((tier, name, proc, log, time.time()))
            time.sleep(1)
            for item in list(active):
                tier_, name, proc, log, started = item
                code = proc.poll()
                if code is None and time.time() < deadline:
                    continue
                if code is None:
                    proc.kill()
                    proc.wait()
                    status = "stopped at the budget's end"
                else:
                    status = "done" if code == 0 else f"failed (exit {code}, see {name}.log)"
                log.close()
                active.remove(item)
                record = os.path.join(out, name + ".json")
                summary["runs"].append({"tier": tier_, "name": name, "status": status, "seconds": round(time.time() - started, 1),
                                        "record": os.path.basename(record) if os.path.exists(record) else None})
                print(f"tiers: {name}: {status} after {time.time() - started:.0f} s", flush=True)
                save()
    save()
    done = sum(1 for r in summary["runs"] if r["status"] == "done")
    print(f"tiers: {done} of {len(summary['runs'])} runs done; records and logs in {out}")
    return 0 if done == len(summary["runs"]) else 1


def main(argv=None):
    p = argparse.ArgumentParser(description="The ranked full runs on the lent GPU machine.")
    sub = p.add_subparsers(dest="what", required=True)
    c = sub.add_parser("check")
    c.add_argument("--tiny", action="store_true")
    pl = sub.add_parser("plan")
    pl.add_argument("--rehearsal", help="tiers-summary.json of a rehearsal")
    pl.add_argument("--ours-s", type=float, help="seconds of one full run of ours alone (default: the committed full-run.json)")
    r = sub.add_parser("run")
    r.add_argument("--tier", type=int, action="append", default=[], choices=sorted(TIERS))
    r.add_argument("--only", help="comma-separated run names (as the plan prints them) instead of whole tiers")
    r.add_argument("--out", default=os.environ.get("OUT"))
    r.add_argument("--budget-s", type=float, default=540)
    r.add_argument("--parallel", type=int, default=MAX_TOGETHER, help="runs at once (1: one after the other)")
    r.add_argument("--tiny", action="store_true")
    a = p.parse_args(argv)
    if a.what == "check":
        return check(a.tiny)
    if a.what == "plan":
        print(plan(a.rehearsal, ours_s=a.ours_s))
        return 0
    if not a.out:
        p.error("--out (or $OUT) is required")
    if not a.tier and not a.only:
        p.error("name --tier N or --only NAMES")
    return run_tiers(a.tier, os.path.abspath(a.out), a.budget_s, a.tiny, a.parallel, a.only.split(",") if a.only else None)


if __name__ == "__main__":
    sys.exit(main())
