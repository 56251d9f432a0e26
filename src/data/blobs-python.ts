// src/data/blobs.ts and the Random it draws from (src/engine/random.ts) in
// Python, draw for draw: a generated PyTorch script (src/train/pytorch-script.ts)
// makes the same points as the playground. Change one, change the other: the
// PyTorch parity tests (test/pytorch) train both on them.

export const blobsPython = `class Random:
    """A SplitMix32-style generator of 32-bit integers."""

    def __init__(self, seed):
        self.state = int(seed) & 0xFFFFFFFF

    def next_uint32(self):
        self.state = (self.state + 0x9E3779B9) & 0xFFFFFFFF
        z = self.state
        z = ((z ^ (z >> 16)) * 0x85EBCA6B) & 0xFFFFFFFF
        z = ((z ^ (z >> 13)) * 0xC2B2AE35) & 0xFFFFFFFF
        return z ^ (z >> 16)

    def next(self):
        return self.next_uint32() / 4294967296

    def normal(self):
        u = 1 - self.next()
        v = self.next()
        return math.sqrt(-2 * math.log(u)) * math.cos(2 * math.pi * v)

    def permutation(self, n):
        order = list(range(n))
        for i in range(n - 1, 0, -1):
            j = math.floor(self.next() * (i + 1))
            order[i], order[j] = order[j], order[i]
        return order


CENTRES = [(1, 1, 0), (-1, -1, 0), (1, -1, 1), (-1, 1, 1)]


def blob_split(random, count, std):
    order = random.permutation(count)
    points, labels = [], []
    for i in range(count):
        x, y, label = CENTRES[order[i] % len(CENTRES)]
        points.append((x + std * random.normal(), y + std * random.normal()))
        labels.append(label)
    return TensorDataset(torch.tensor(points, dtype=torch.float32).view(count, 2), torch.tensor(labels, dtype=torch.float32))


def make_blobs(seed, train_count=80, test_count=20, std=0.3):
    train = blob_split(Random(seed), train_count, std)
    test = blob_split(Random(Random(seed ^ 0x7E57DA7A).next_uint32()), test_count, std)
    return train, test`;
