"""How much a Fashion-MNIST preset's final test accuracy moves with the seed,
in PyTorch itself: the yardstick for our own runs of the same preset.

    apt-get install -y python3-torch        # Debian's PyTorch (1.13)
    /usr/bin/python3 scripts/torch/seed_spread.py fashion-dnn-sgd 0 1 2 3 4

Each seed sets torch.manual_seed, which fixes both the initial weights and the
DataLoader's shuffle; everything else is the preset as src/train/presets.ts
defines it and as the tutorials wrote it: pixels x/255 (ToTensor, no
normalisation), shuffled batches keeping the last partial one, plain SGD,
mean cross-entropy, the test accuracy after the last epoch. Data comes from
Debian's dataset-fashion-mnist (the official IDX files). Prints one JSON line
per seed, then the minimum, mean and maximum. A manual tool, not a test.
"""

import gzip
import json
import sys
import time

import numpy as np
import torch
from torch import nn

DATA = '/usr/share/datasets/fashion-mnist'

PRESETS = {
    'fashion-dnn-sgd': dict(hidden=[256, 128], trailing_relu=False, dropout=0.0, flip=False, lr=0.01, epochs=30),
    'fashion-dnn-dropout': dict(hidden=[256, 128], trailing_relu=False, dropout=0.2, flip=True, lr=0.01, epochs=30),
    'fashion-tutorial': dict(hidden=[512, 512], trailing_relu=True, dropout=0.0, flip=False, lr=1e-3, epochs=10),
}
BATCH = 64


def read_idx(name):
    with gzip.open(f'{DATA}/{name}', 'rb') as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def model_for(preset):
    layers, width = [], 784
    for hidden in preset['hidden']:
        layers += [nn.Linear(width, hidden), nn.ReLU()]
        if preset['dropout'] > 0:
            layers.append(nn.Dropout(preset['dropout']))
        width = hidden
    layers.append(nn.Linear(width, 10))
    if preset['trailing_relu']:
        layers.append(nn.ReLU())
    return nn.Sequential(nn.Flatten(), *layers)


def run(name, seed, train_x, train_y, test_x, test_y):
    preset = PRESETS[name]
    torch.manual_seed(seed)
    model = model_for(preset)
    optimizer = torch.optim.SGD(model.parameters(), lr=preset['lr'])
    loss_fn = nn.CrossEntropyLoss()
    count = train_x.shape[0]
    for _ in range(preset['epochs']):
        model.train()
        order = torch.randperm(count)
        for start in range(0, count, BATCH):
            index = order[start:start + BATCH]
            x = train_x[index]
            if preset['flip']:
                flip = torch.rand(x.shape[0]) < 0.5
                x = torch.where(flip[:, None, None], x.flip(-1), x)
            optimizer.zero_grad()
            loss = loss_fn(model(x), train_y[index])
            loss.backward()
            optimizer.step()
    model.eval()
    with torch.no_grad():
        logits = model(test_x)
        return loss_fn(logits, test_y).item(), (logits.argmax(1) == test_y).float().mean().item()


def main():
    name, seeds = sys.argv[1], [int(s) for s in sys.argv[2:]] or [0]
    torch.set_num_threads(1)
    as_float = lambda images: torch.from_numpy(images.astype(np.float32) / 255.0)
    train_x = as_float(read_idx('train-images-idx3-ubyte.gz'))
    train_y = torch.from_numpy(read_idx('train-labels-idx1-ubyte.gz').astype(np.int64))
    test_x = as_float(read_idx('t10k-images-idx3-ubyte.gz'))
    test_y = torch.from_numpy(read_idx('t10k-labels-idx1-ubyte.gz').astype(np.int64))
    accuracies = []
    for seed in seeds:
        started = time.time()
        test_loss, accuracy = run(name, seed, train_x, train_y, test_x, test_y)
        accuracies.append(accuracy)
        print(json.dumps({'preset': name, 'seed': seed, 'testLoss': test_loss, 'testAccuracy': accuracy, 'seconds': round(time.time() - started, 1)}), flush=True)
    print(json.dumps({'preset': name, 'seeds': len(seeds), 'min': min(accuracies), 'mean': sum(accuracies) / len(accuracies), 'max': max(accuracies)}))


if __name__ == '__main__':
    main()
