"""The playground's dropout masks and flips inside PyTorch, for the parity test.

PyTorch draws dropout masks and flips from its own generator, so a generated
script with Dropout or RandomHorizontalFlip cannot match the playground step by
step as it is. install() makes nn.Dropout and transforms.RandomHorizontalFlip
draw what the playground's kernels draw, the script itself unchanged:

- Dropout (shaders/dropout.wgsl, Sequential.nextMaskSeed in src/engine/nn.ts):
  element i of the [batch, features] input is kept when
  (hash(i ^ hash(seed)) >> 8) / 2^24 >= p, with one seed per call,
  (seed + 1) * 0x9E3779B1 ^ calls * 0x85EBCA77 ^ layer index, where `calls`
  counts the dropout calls of training forwards so far.
- Flips (shaders/gather.wgsl, TrainingSession.startEpoch in
  src/train/session.ts): training image `index` is flipped in an epoch when
  hash(index ^ hash(epoch seed)) is odd, the epoch seeds being the draws of
  Random(seed ^ 0x5EED), one per epoch. Without shuffling that generator makes
  no other draw, so this holds for --no-shuffle runs only: a shuffled run is
  refused.
"""

import torch
from torch import nn
from torchvision import datasets, transforms
from torchvision.transforms import functional

M = 0xFFFFFFFF


def pcg_hash(value):
    """hash() of the kernels (PCG's output step), on ints or int64 tensors."""
    state = (value * 747796405 + 2891336453) & M
    word = (((state >> ((state >> 28) + 4)) ^ state) * 277803737) & M
    return (word >> 22) ^ word


def split_mix(seed):
    """Random.nextUint32 of src/engine/random.ts, as a generator of draws."""
    state = seed & M
    while True:
        state = (state + 0x9E3779B9) & M
        z = state
        z = ((z ^ (z >> 16)) * 0x85EBCA6B) & M
        z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M
        yield z ^ (z >> 16)


def install(seed):
    """Replaces the random draws of nn.Dropout and RandomHorizontalFlip; call before running a script."""
    calls = [0]
    epoch_seeds = split_mix(seed ^ 0x5EED)
    flip = {"seed": None, "next": 0, "index": None}

    sequential_init = nn.Sequential.__init__

    def init(self, *args):
        sequential_init(self, *args)
        for index, module in enumerate(self):
            module.playground_index = index

    def dropout(self, x):
        if not self.training or self.p == 0:
            return x
        calls[0] += 1
        call_seed = (((seed + 1) * 0x9E3779B1) & M) ^ ((calls[0] * 0x85EBCA77) & M) ^ self.playground_index
        bits = pcg_hash(torch.arange(x.numel(), dtype=torch.int64, device=x.device) ^ pcg_hash(call_seed))
        keep = ((bits >> 8).to(torch.float32) * (1.0 / 16777216.0) >= self.p).view_as(x)
        return torch.where(keep, x / (1 - self.p), torch.zeros_like(x))

    get_item = datasets.MNIST.__getitem__

    def item(self, index):
        if isinstance(self.transform, transforms.Compose) and any(isinstance(t, transforms.RandomHorizontalFlip) for t in self.transform.transforms):
            if index == 0:
                flip["seed"], flip["next"] = next(epoch_seeds), 0
            if index != flip["next"]:
                raise RuntimeError(f"playground_random: training image {index} came where {flip['next']} was due; the playground's flips are reproduced in file order only (--no-shuffle)")
            flip["next"] += 1
        flip["index"] = index
        return get_item(self, index)

    def horizontal_flip(self, image):
        return functional.hflip(image) if pcg_hash(flip["index"] ^ pcg_hash(flip["seed"])) & 1 else image

    nn.Sequential.__init__ = init
    nn.Dropout.forward = dropout
    datasets.MNIST.__getitem__ = item  # FashionMNIST inherits it
    transforms.RandomHorizontalFlip.forward = horizontal_flip
