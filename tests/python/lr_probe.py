"""The learning-rate probe: the chapters' own program, on the full Caltech 101 at 224 × 224 on the
CPU, for its first 20 training batches, once per configuration:

  lr-1e-3          learning_rate = 0.001 (the chapters' value)
  lr-1e-4          learning_rate = 0.0001
  lr-1e-3-warmup   learning_rate = 0.001 with a linear warm-up over the first 20 steps
                   (step k of 20 uses k/20 of it; LambdaLR)

It runs every Python block of the chapters in site order through tests/python/run_chapters.py
with the `probe` profile of the one override mechanism (tests/python/overrides.py): the overrides
are declared in the fences' meta lines (`probe-sub`, `probe-after`), never edited into the shown
code — the learning rate comes from PROBE_LR, the warm-up length from PROBE_WARMUP_STEPS (1 = none),
and after each `optimizer.step()` the probe's `probe_record` is called. It records the batch's loss,
accuracy, the learning rate of that step, how concentrated the predictions are and how many of
fc1's 512 ReLU units fire on the batch (fc1_active_share: the share of units with an output > 0 after
the ReLU, averaged over the batch's images; fc1_alive_share: the share of units > 0 for at least one
image of the batch — a unit outside it is silent for the whole batch). Both come from the batch's own
forward pass, i.e. from the weights before that batch's step. After the first step it also measures
what the step did to fc1: the sum of |inputs| per image, the shift of each fc1 output on that same
batch and the two shares on that batch with the stepped weights.

Resumable: each configuration runs in its own process and writes
src/data/probes/lr-probe/<name>.json when it has finished; configurations whose file exists are
skipped. `--only NAME` runs one. Slow on purpose (about 2 × 10^11 floating-point operations per
batch): run it in the background, e.g. `nice -n 15 /usr/bin/python3 tests/python/lr_probe.py`.
Needs CALTECH101_DIR (a folder with 101_ObjectCategories/).
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run_chapters  # noqa: E402  (the chapters' blocks, in site order)

OUT = os.path.join(run_chapters.ROOT, "src", "data", "probes", "lr-probe")
BATCHES = 20
CONFIGS = {
    "lr-1e-3": {"lr": "0.001", "warmup": False},
    "lr-1e-4": {"lr": "0.0001", "warmup": False},
    "lr-1e-3-warmup": {"lr": "0.001", "warmup": True},
}


def relu_activity(pre):
    """fc1's outputs before the ReLU, [batch, units] → (share of units > 0 averaged over the images,
    share of units > 0 for at least one image). ReLU(z) > 0 exactly where z > 0."""
    fires = pre > 0
    return fires.float().mean().item(), fires.any(dim=0).float().mean().item()


class ProbeDone(run_chapters.StopProgram):
    """Raised after the last probed batch: the planned end of the program."""


def make_probe(name, config, started, batches=BATCHES):
    import torch

    record = {"name": name, "lr": float(config["lr"]), "warmup_steps": batches if config["warmup"] else 0, "batches": []}
    state = {"fc1": None, "last": time.time()}

    def probe_watch(model):
        def hook(module, inputs, output):
            state["fc1"] = (inputs[0].detach(), output.detach())
        state["model"] = model
        model.fc1.register_forward_hook(hook)

    def probe_record(loss, outputs, labels):
        optimizer_lr = namespace_lr()
        with torch.no_grad():
            probs = outputs.detach().softmax(dim=1)
            predicted = outputs.argmax(dim=1)
            counts = torch.bincount(predicted, minlength=outputs.shape[1])
            n = len(record["batches"]) + 1
            x, before = state["fc1"]  # the batch's own forward pass (weights before this step)
            active, alive = relu_activity(before)
            entry = {
                "batch": n,
                "lr": optimizer_lr,
                "loss": loss.item(),
                "correct": int((predicted == labels).sum().item()),
                "size": int(labels.shape[0]),
                "mean_max_prob": probs.max(dim=1).values.mean().item(),
                "top_class_share": counts.max().item() / labels.shape[0],
                "fc1_active_share": active,
                "fc1_alive_share": alive,
                "seconds": round(time.time() - state["last"], 1),
            }
            if n == 1:
                after = state["model"].fc1(x)  # the same batch through fc1 with the stepped weights
                shift = (after - before).abs()
                sums = x.abs().sum(dim=1)
                record["first_step_fc1"] = {
                    "inputs": int(x.shape[1]),
                    "sum_abs_inputs_mean": sums.mean().item(),
                    "sum_abs_inputs_min": sums.min().item(),
                    "sum_abs_inputs_max": sums.max().item(),
                    "output_abs_before_mean": before.abs().mean().item(),
                    "output_shift_abs_mean": shift.mean().item(),
                    "output_shift_abs_median": shift.median().item(),
                    "output_shift_abs_max": shift.max().item(),
                    "lr_times_sum_abs_inputs_mean": optimizer_lr * sums.mean().item(),
                    "after_active_share": relu_activity(after)[0],
                    "after_alive_share": relu_activity(after)[1],
                }
        record["batches"].append(entry)
        print(f"probe {name} batch {n:2d}: lr {optimizer_lr:.2e} loss {entry['loss']:.3f} "
              f"correct {entry['correct']}/{entry['size']} max p {entry['mean_max_prob']:.3f} "
              f"top class {entry['top_class_share']:.2f} fc1 active {active:.3f} alive {alive:.3f} ({entry['seconds']} s)", flush=True)
        state["last"] = time.time()
        if n == batches:
            raise ProbeDone()

    namespace = {"__name__": "__main__", "probe_watch": probe_watch, "probe_record": probe_record}

    def namespace_lr():
        return namespace["optimizer"].param_groups[0]["lr"]

    return namespace, record


def run_one(name, data="full", batches=BATCHES, out=OUT):
    """Runs the chapters' program with the `probe` profile's overrides for one configuration; writes its JSON.
    data="tiny" with a few batches is a smoke test of the probe itself (minutes, not a measurement)."""
    import torch
    import torchvision

    run_chapters.require_torch()
    config = CONFIGS[name]
    os.environ["PROBE_LR"] = config["lr"]
    os.environ["PROBE_WARMUP_STEPS"] = str(batches if config["warmup"] else 1)  # 1: the full rate from step 1
    os.environ.setdefault("MPLBACKEND", "Agg")
    work = tempfile.mkdtemp(prefix="lr-probe-")
    run_chapters.make_dataset(work, data)
    os.chdir(work)
    started = time.time()
    namespace, record = make_probe(name, config, started, batches)
    try:
        _, _, stopped = run_chapters.run_blocks(namespace, ["probe"])
    except run_chapters.OverrideError as error:
        raise SystemExit(f"override error: {error}")
    if not stopped or len(record["batches"]) != batches:
        raise SystemExit(f"the program ended after {len(record['batches'])} of {batches} batches")
    record.update({
        "batches_planned": batches,
        "batch_size": namespace["batch_size"],
        "seed": namespace["seed"],
        "image_size": 224,
        "data": data,
        "device": str(namespace["device"]),
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "threads": torch.get_num_threads(),
        "python": platform.python_version(),
        "seconds_total": round(time.time() - started),
        "date": time.strftime("%Y-%m-%d"),
        "command": f"tests/python/lr_probe.py --only {name}: run_chapters.py's blocks with --profile probe, --data {data}, "
                   f"PROBE_LR={os.environ['PROBE_LR']} PROBE_WARMUP_STEPS={os.environ['PROBE_WARMUP_STEPS']}",
    })
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, f"{name}.json"), "w", encoding="utf-8") as f:
        json.dump(record, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {os.path.join(out, name + '.json')}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=sorted(CONFIGS), help="run one configuration (default: every missing one)")
    parser.add_argument("--force", action="store_true", help="rerun configurations whose output exists")
    parser.add_argument("--smoke", metavar="DIR",
                        help="with --only: a smoke test of the probe itself — the tiny data set, 2 batches, the JSON into DIR")
    args = parser.parse_args()
    if args.smoke and not args.only:
        parser.error("--smoke needs --only NAME")
    if args.only:
        if args.smoke:
            run_one(args.only, data="tiny", batches=2, out=args.smoke)
        else:
            run_one(args.only)
        return
    for name in CONFIGS:
        if os.path.exists(os.path.join(OUT, f"{name}.json")) and not args.force:
            print(f"{name}: done already ({os.path.join(OUT, name + '.json')})")
            continue
        print(f"{name}: running", flush=True)
        r = subprocess.run([sys.executable, os.path.abspath(__file__), "--only", name])
        if r.returncode != 0:
            sys.exit(f"{name} failed (exit {r.returncode})")


if __name__ == "__main__":
    main()
