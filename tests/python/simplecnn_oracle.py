"""PyTorch's own SimpleCNN (the chapter's code, sized for any input) as the oracle for the tfjs model.

Usage: simplecnn_oracle.py OUTDIR CLASSES SIZE [SIZE ...]   (one process for every size)
Writes for each size, into OUTDIR/SIZE/: weights.bin + weights.json (state_dict as little-endian float32 with a manifest),
input.bin (one NCHW float32 image), logits.json, and summary.json: the rows torchsummary would
print, gathered with forward hooks exactly as torchsummary does (torchsummary itself is not in
Debian).
"""
import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


class SimpleCNN(nn.Module):
    def __init__(self, size=224, num_classes=101):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels=3, out_channels=32, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(in_channels=32, out_channels=64, kernel_size=3, padding=1)
        self.pool = nn.MaxPool2d(kernel_size=2)
        self.fc1 = nn.Linear(in_features=64 * (size // 4) * (size // 4), out_features=512)
        self.fc2 = nn.Linear(in_features=512, out_features=num_classes)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, start_dim=1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


def summary_rows(model, size):
    """torchsummary's hook logic: one row per module call, output shape with batch -1."""
    rows, hooks = [], []

    def hook(module, inputs, output):
        params = sum(p.numel() for p in module.parameters(recurse=False))
        shape = list(output.size())
        shape[0] = -1
        rows.append({"name": f"{module.__class__.__name__}-{len(rows) + 1}", "outputShape": shape, "params": params})

    for m in model.modules():
        if m is not model and not isinstance(m, (nn.Sequential, nn.ModuleList)):
            hooks.append(m.register_forward_hook(hook))
    model(torch.rand(2, 3, size, size))
    for h in hooks:
        h.remove()
    return rows


def graph_edges(model, size):
    """Edges of the autograd graph as make_dot draws them: (input node, consumer node) labels."""
    names = {id(p): n for n, p in model.named_parameters()}
    y = model(torch.randn(1, 3, size, size))
    edges, seen = [], set()

    def label(fn):
        if hasattr(fn, "variable"):
            return names[id(fn.variable)]
        # PyTorch 1.13 records torch.flatten as ReshapeAliasBackward0, PyTorch 2 as ViewBackward0.
        return "ViewBackward0" if type(fn).__name__ == "ReshapeAliasBackward0" else type(fn).__name__

    def walk(fn):
        if fn in seen:
            return
        seen.add(fn)
        for nxt, _ in fn.next_functions:
            if nxt is not None:
                edges.append([label(nxt), label(fn)])
                walk(nxt)

    walk(y.grad_fn)
    edges.append([label(y.grad_fn), "output " + str(tuple(y.shape))])
    return edges


def export(size, classes, out):
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    model = SimpleCNN(size, classes).eval()
    entries, offset = [], 0
    with open(os.path.join(out, "weights.bin"), "wb") as f:
        for name, t in model.state_dict().items():
            data = t.detach().contiguous().numpy().astype("<f4").tobytes()
            f.write(data)
            entries.append({"name": name, "shape": list(t.shape), "dtype": "float32", "offset": offset})
            offset += len(data)
    json.dump(entries, open(os.path.join(out, "weights.json"), "w"))
    x = torch.randn(1, 3, size, size)
    open(os.path.join(out, "input.bin"), "wb").write(x.numpy().astype("<f4").tobytes())
    with torch.no_grad():
        json.dump(model(x)[0].tolist(), open(os.path.join(out, "logits.json"), "w"))
    json.dump(summary_rows(model, size), open(os.path.join(out, "summary.json"), "w"))
    json.dump(graph_edges(model, size), open(os.path.join(out, "graph.json"), "w"))
    print(f"SimpleCNN {size}px, {classes} classes: {sum(p.numel() for p in model.parameters())} parameters")


def main():
    out, classes, sizes = sys.argv[1], int(sys.argv[2]), [int(s) for s in sys.argv[3:]]
    for size in sizes:
        export(size, classes, os.path.join(out, str(size)))


if __name__ == "__main__":
    main()
