"""Regenerates the torch.save fixtures in test/fixtures/pt/, and checks our writer's files with PyTorch.

Only for regenerating those files by hand: the tests read the committed .pt,
.pth and .json files, and nothing at test time needs Python or PyTorch.

    apt-get install -y python3-torch        # Debian's PyTorch (1.13)
    /usr/bin/python3 scripts/torch/make_pt_fixtures.py          # the torch.save fixtures
    npx tsx scripts/torch/write-pt-samples.ts                    # files our writer makes
    /usr/bin/python3 scripts/torch/make_pt_fixtures.py --check-ours

Use Debian's /usr/bin/python3 explicitly: a `python3` earlier on PATH (pyenv)
may not have torch.

Each FILE.pt (or .pth) is written by torch.save itself; FILE.json beside it
says what PyTorch holds in it, computed by PyTorch from the saved objects:
- `tensors`: the state_dict's tensors in order, each with its name, shape,
  dtype, contiguity, stride and storage offset as saved, `sum` (float64 sum
  of the tensor as float32, i.e. t.float().double()), `first` and `last` values (as float32, printed as float64), and `values`
  (every value, row-major, as float32) for tensors of at most 64 elements.
- `stateDictKey`: where a checkpoint holds its state_dict (absent for a bare
  state_dict); `refused`: the global a file must be refused for (a whole
  model, a TorchScript archive, a re-compressed ZIP); `format`: "zip" or
  "legacy".
Weights come from PyTorch's default init after torch.manual_seed(0) (or the
seed named in the description).

--check-ours loads each test/fixtures/pt/ours-*.pt (written by our
TypeScript writer, scripts/torch/write-pt-samples.ts) with
torch.load(path, weights_only=True), loads it with load_state_dict (strict)
into the model its names describe, and writes ours-*.torch.json: the torch
version, Python's zipfile CRC check (testzip), the type torch.load returned,
the result of load_state_dict, and each tensor's name, shape, dtype,
contiguity and float64 sum as PyTorch sees them. The test compares those
with what our writer writes today.
"""

import collections
import json
import os
import sys

import zipfile

import torch

sys.dont_write_bytecode = True  # leave no __pycache__ in the repository
torch.set_num_threads(1)  # leave the other cores to the other engineers

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT_DIR = os.path.join(ROOT, "test", "fixtures", "pt")


# The tutorials' model classes, with the tutorials' attribute names (state_dict
# names follow them). Widths are parameters so that fixtures stay small.
class Net(torch.nn.Module):
    """Tutorial 4 (Fashion-MNIST): fc1, fc2, fc3 with ReLU between."""

    def __init__(self, hidden1=256, hidden2=128):
        super().__init__()
        self.fc1 = torch.nn.Linear(784, hidden1)
        self.fc2 = torch.nn.Linear(hidden1, hidden2)
        self.fc3 = torch.nn.Linear(hidden2, 10)

    def forward(self, x):
        x = x.view(-1, 784)
        x = torch.relu(self.fc1(x))
        x = torch.relu(self.fc2(x))
        return self.fc3(x)


class NeuralNetwork(torch.nn.Module):
    """Tutorial 5 (optimisation): flatten and linear_relu_stack, ReLU after the last layer too."""

    def __init__(self, width=512):
        super().__init__()
        self.flatten = torch.nn.Flatten()
        self.linear_relu_stack = torch.nn.Sequential(
            torch.nn.Linear(784, width), torch.nn.ReLU(),
            torch.nn.Linear(width, width), torch.nn.ReLU(),
            torch.nn.Linear(width, 10), torch.nn.ReLU(),
        )

    def forward(self, x):
        return self.linear_relu_stack(self.flatten(x))


class NeuralNet(torch.nn.Module):
    """Tutorial 3 (blobs): linear_1, ReLU, linear_2, Sigmoid."""

    def __init__(self, input_size=2, hidden_size=5):
        super().__init__()
        self.linear_1 = torch.nn.Linear(input_size, hidden_size)
        self.relu = torch.nn.ReLU()
        self.linear_2 = torch.nn.Linear(hidden_size, 1)
        self.sigmoid = torch.nn.Sigmoid()

    def forward(self, x):
        return self.sigmoid(self.linear_2(self.relu(self.linear_1(x))))


def seeded(make, seed=0):
    torch.manual_seed(seed)
    return make()


def as_float64(t):
    """Values as our reader gives them: converted to float32, then printed as float64."""
    return t.detach().float().double().contiguous().view(-1)


def describe_tensors(state_dict):
    out = []
    for name, t in state_dict.items():
        flat = as_float64(t)
        entry = {"name": name, "shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
                 "contiguous": t.is_contiguous(), "stride": list(t.stride()), "storageOffset": t.storage_offset(),
                 "sum": flat.sum().item()}
        if flat.numel() > 0:
            entry["first"] = flat[0].item()
            entry["last"] = flat[-1].item()
        if flat.numel() <= 64:
            entry["values"] = flat.tolist()
        out.append(entry)
    return out


def write(file_name, obj, description, state_dict=None, legacy=False, **extra):
    path = os.path.join(OUT_DIR, file_name)
    if legacy:
        torch.save(obj, path, _use_new_zipfile_serialization=False)
    else:
        torch.save(obj, path)
    spec = {"description": description, "torchVersion": torch.__version__, "file": file_name,
            "format": "legacy" if legacy else "zip", **extra}
    if state_dict is not None:
        spec["tensors"] = describe_tensors(state_dict)
    stem = file_name.rsplit(".", 1)[0]
    with open(os.path.join(OUT_DIR, f"{stem}.json"), "w") as f:
        json.dump(spec, f, indent=1)
        f.write("\n")
    print(f"{file_name}: {os.path.getsize(path)} bytes")


def views_state_dict():
    """Tensors that are views of shared storages: transposed, sliced with an offset, strided, expanded."""
    torch.manual_seed(0)
    base = torch.randn(4, 6)
    other = torch.randn(5)
    return collections.OrderedDict([
        ("base", base),
        ("transposed", base.t()),            # strides (1, 6): not contiguous
        ("row", base[2]),                    # offset 12 in base's storage
        ("block", base[1:3, 2:5]),           # offset 8, strides (6, 1)
        ("every_other", base[:, ::2]),       # strides (6, 2)
        ("expanded", other[1:4].expand(2, 3)),  # offset 1, strides (0, 1): each value twice
        ("scalar", other[4]),                # shape [], offset 4
        ("empty", torch.zeros(0, 3)),
    ])


def make_fixtures():
    os.makedirs(OUT_DIR, exist_ok=True)

    net = seeded(Net)
    write("fashion-net.pt", net.state_dict(), "Tutorial 4's Net (fc1 Linear(784,256), fc2 Linear(256,128), fc3 Linear(128,10)), "
          "default init after manual_seed(0): torch.save(model.state_dict(), PATH)", net.state_dict())

    stack = seeded(lambda: NeuralNetwork(width=64))
    write("optimization-neuralnetwork.pth", stack.state_dict(),
          "Tutorial 5's NeuralNetwork (linear_relu_stack = Sequential(Linear(784,w), ReLU, Linear(w,w), ReLU, Linear(w,10), ReLU)) "
          "scaled down to w=64 (the tutorial's 512 makes a 2.7 MB file), seed 0, saved as the tutorial does (.pth)", stack.state_dict())

    blobs = seeded(NeuralNet)
    write("blobs-neuralnet.pt", blobs.state_dict(), "Tutorial 3's NeuralNet (linear_1 Linear(2,5), linear_2 Linear(5,1)), seed 0", blobs.state_dict())

    # A checkpoint as in PyTorch's "saving a general checkpoint" recipe, after three SGD steps with momentum.
    model = seeded(lambda: Net(hidden1=16, hidden2=8))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    x, y = torch.randn(4, 784), torch.tensor([0, 1, 2, 3])
    for _ in range(3):
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        optimizer.step()
    write("checkpoint.pt", {"epoch": 3, "model_state_dict": model.state_dict(), "optimizer_state_dict": optimizer.state_dict(), "loss": 0.25},
          "A checkpoint dict {epoch, model_state_dict, optimizer_state_dict (SGD momentum 0.9, with momentum buffers), loss} of Net(784-16-8-10) "
          "after 3 SGD steps from seed 0", model.state_dict(), stateDictKey="model_state_dict",
          otherKeys=["epoch", "optimizer_state_dict", "loss"])

    # The same recipe with Adam (its state holds tensors, 'step' among them) and the loss as a tensor that requires grad.
    model = seeded(NeuralNet)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    points, labels = torch.randn(8, 2), torch.tensor([[0.], [1.], [0.], [1.], [0.], [1.], [0.], [1.]])
    loss = None
    for _ in range(2):
        optimizer.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy(model(points), labels)
        loss.backward()
        optimizer.step()
    write("checkpoint-adam.pt", {"state_dict": model.state_dict(), "optimizer": optimizer.state_dict(), "loss": loss, "name": "blobs"},
          "A checkpoint dict {state_dict, optimizer (Adam state with tensors), loss (a tensor with requires_grad), name} of NeuralNet after 2 Adam steps",
          model.state_dict(), stateDictKey="state_dict", otherKeys=["optimizer", "loss", "name"])

    # What else checkpoints hold beside a state_dict: pickled with globals (torch.Size, torch.device, bytes
    # via _codecs.encode, __builtin__.set, __builtin__.complex, torch.float32) that are values, not code.
    model = seeded(NeuralNet)
    write("checkpoint-extras.pt", {"model_state_dict": model.state_dict(), "input_shape": torch.Size([1, 28, 28]),
                                   "classes": ["T-shirt/top", "Trouser"], "note": b"\xffbytes", "dtype": torch.float32,
                                   "best": {"epoch": 2, "accuracy": 0.85}, "flags": {1, 2}, "device": torch.device("cuda", 0),
                                   "none": None, "big": 2 ** 70, "complex": 1 + 2j},
          "A checkpoint whose other entries are pickled with value globals: torch.Size, torch.device, bytes, a set, "
          "a complex number, a dtype, a 2^70 integer", model.state_dict(), stateDictKey="model_state_dict",
          otherKeys=["input_shape", "classes", "note", "dtype", "best", "flags", "device", "none"])

    for dtype, name in [(torch.float64, "float64"), (torch.float16, "float16"), (torch.bfloat16, "bfloat16")]:
        model = seeded(lambda: Net(hidden1=16, hidden2=8)).to(dtype)
        write(f"{name}-net.pt", model.state_dict(), f"Net(784-16-8-10), seed 0, converted with model.to(torch.{name}); "
              "expected values are the saved values converted to float32", model.state_dict())

    # Integer buffers: BatchNorm keeps num_batches_tracked as int64.
    model = seeded(lambda: torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.BatchNorm1d(3)))
    model(torch.randn(5, 4))  # one training-mode pass: running statistics move, num_batches_tracked becomes 1
    write("batchnorm.pt", model.state_dict(), "Sequential(Linear(4,3), BatchNorm1d(3)) after one training-mode forward pass: "
          "running_mean, running_var and the int64 num_batches_tracked", model.state_dict())

    views = views_state_dict()
    write("views.pt", views, "An OrderedDict of views of two shared storages: transposed, sliced with an offset, strided, "
          "expanded (stride 0), a scalar at an offset, and an empty tensor; torch.save keeps each view's offset and strides", views)
    write("views-legacy.pt", views, "views.pt's tensors in the legacy format (_use_new_zipfile_serialization=False)", views, legacy=True)

    blobs = seeded(NeuralNet)
    write("blobs-neuralnet-legacy.pt", blobs.state_dict(), "blobs-neuralnet.pt's state_dict in the legacy format "
          "(_use_new_zipfile_serialization=False)", blobs.state_dict(), legacy=True)

    # A whole model: its pickle names the class, which a safe reader must refuse.
    write("full-model.pt", seeded(NeuralNet), "torch.save(model) of tutorial 3's NeuralNet defined in __main__: "
          "the pickle names the class __main__.NeuralNet and must be refused", refused="__main__.NeuralNet")

    # Not torch.save files, though users may pick them: TorchScript, and a torch.save file re-zipped with deflate.
    path = os.path.join(OUT_DIR, "torchscript.pt")
    torch.jit.save(torch.jit.script(seeded(NeuralNet)), path)
    describe_refusal("torchscript.pt", "torch.jit.save(torch.jit.script(NeuralNet())): a TorchScript archive, to be refused", "TorchScript")
    source = zipfile.ZipFile(os.path.join(OUT_DIR, "blobs-neuralnet.pt"))
    with zipfile.ZipFile(os.path.join(OUT_DIR, "blobs-neuralnet-deflated.pt"), "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    describe_refusal("blobs-neuralnet-deflated.pt", "blobs-neuralnet.pt re-zipped by Python's zipfile with ZIP_DEFLATED: "
                     "torch.load reads it, but this reader reads only STORED entries and must say so", "compressed")


def describe_refusal(file_name, description, refused):
    spec = {"description": description, "torchVersion": torch.__version__, "file": file_name, "refused": refused}
    with open(os.path.join(OUT_DIR, file_name.rsplit(".", 1)[0] + ".json"), "w") as f:
        json.dump(spec, f, indent=1)
        f.write("\n")
    print(f"{file_name}: {os.path.getsize(os.path.join(OUT_DIR, file_name))} bytes")


def net_for(names):
    """The model whose state_dict has these names: tutorial 3, 4 or 5's class, or a Sequential of Linear layers."""
    sd_shapes = names
    if "fc1.weight" in sd_shapes:
        return Net(sd_shapes["fc1.weight"][0], sd_shapes["fc2.weight"][0])
    if "linear_1.weight" in sd_shapes:
        return NeuralNet(sd_shapes["linear_1.weight"][1], sd_shapes["linear_1.weight"][0])
    if "linear_relu_stack.0.weight" in sd_shapes:
        return NeuralNetwork(sd_shapes["linear_relu_stack.0.weight"][0])
    layers = []
    indices = sorted(int(k.split(".")[0]) for k in sd_shapes if k.endswith(".weight"))
    for i in indices:
        while len(layers) < i:
            layers.append(torch.nn.ReLU())
        out_features, in_features = sd_shapes[f"{i}.weight"]
        layers.append(torch.nn.Linear(in_features, out_features))
    return torch.nn.Sequential(*layers)


def check_ours():
    files = sorted(f for f in os.listdir(OUT_DIR) if f.startswith("ours-") and f.endswith(".pt"))
    if not files:
        sys.exit("no test/fixtures/pt/ours-*.pt: run `npx tsx scripts/torch/write-pt-samples.ts` first")
    for file_name in files:
        path = os.path.join(OUT_DIR, file_name)
        state_dict = torch.load(path, weights_only=True)
        model = net_for({k: list(v.shape) for k, v in state_dict.items()})
        result = model.load_state_dict(state_dict, strict=True)
        spec = {
            "description": "What PyTorch found in our writer's file: torch.load(path, weights_only=True), then "
                           f"load_state_dict(strict=True) into {type(model).__name__}",
            "torchVersion": torch.__version__,
            "file": file_name,
            # Python's own ZIP reader re-reads every entry and checks its CRC-32 (None: all good).
            "zipfileTestzip": zipfile.ZipFile(path).testzip(),
            "loadedType": f"{type(state_dict).__module__}.{type(state_dict).__name__}",
            "model": repr(model).replace("\n", " "),
            "missingKeys": list(result.missing_keys),
            "unexpectedKeys": list(result.unexpected_keys),
            "tensors": describe_tensors(state_dict),
            "modelSums": {k: v.double().sum().item() for k, v in model.state_dict().items()},
        }
        with open(os.path.join(OUT_DIR, file_name[:-3] + ".torch.json"), "w") as f:
            json.dump(spec, f, indent=1)
            f.write("\n")
        print(f"{file_name}: loaded into {type(model).__name__}, {len(state_dict)} tensors, all keys matched")


if __name__ == "__main__":
    if sys.argv[1:] == ["--check-ours"]:
        check_ours()
    elif sys.argv[1:] == []:
        make_fixtures()
    else:
        sys.exit(__doc__)
