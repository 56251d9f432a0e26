"""A tiny float32 safetensors reader and writer for the fixture scripts.

Only for scripts/torch/make_fixtures.py and scripts/torch/check_load.py, which
regenerate or check test fixtures by hand; nothing at test time runs Python.
Debian packages PyTorch but not the `safetensors` package, and the format is
small: an 8-byte little-endian u64 header length N, N bytes of JSON header,
then the raw little-endian data.

save() lays the file out as the reference implementation (safetensors 0.x,
Rust) does: compact JSON, "__metadata__" first, each entry as
{"dtype","shape","data_offsets"}, the header padded with spaces to a multiple
of 8 bytes. Tensors are written in the order given; pass them sorted by name
to get the bytes `safetensors.torch.save` writes for float32 tensors.

Self-test (round trip, malformed files, and a byte comparison with the real
`safetensors` package when it happens to be importable):

    /usr/bin/python3 scripts/torch/safetensors_io.py
"""

import json
import struct
import sys

import numpy as np

MAX_HEADER_BYTES = 100_000_000


class SafetensorsError(ValueError):
    pass


def save_bytes(tensors, metadata=None):
    """tensors: list of (name, array-like float32); returns the file as bytes."""
    header = {}
    if metadata is not None:
        if not all(isinstance(v, str) for v in metadata.values()):
            raise SafetensorsError("metadata values must be strings")
        header["__metadata__"] = dict(metadata)
    chunks = []
    offset = 0
    for name, value in tensors:
        if name == "__metadata__" or name in header:
            raise SafetensorsError(f"bad or duplicate tensor name {name!r}")
        array = np.array(_as_numpy(value), dtype="<f4", order="C")  # not ascontiguousarray: it turns scalars into shape [1]
        data = array.tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    # ensure_ascii=False: serde_json writes non-ASCII names as raw UTF-8.
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(chunks)


def save(path, tensors, metadata=None):
    with open(path, "wb") as f:
        f.write(save_bytes(tensors, metadata))


def load_bytes(data, name="weights"):
    """Returns (metadata dict, list of (name, float32 numpy array)) in data order."""
    data = memoryview(data).cast("B")
    if len(data) < 8:
        raise SafetensorsError(f"{name}: too short")
    (n,) = struct.unpack("<Q", data[:8])
    if n > MAX_HEADER_BYTES or 8 + n > len(data):
        raise SafetensorsError(f"{name}: header length {n} is too large for a {len(data)}-byte file")
    try:
        text = bytes(data[8 : 8 + n]).decode("utf-8")
    except UnicodeDecodeError as e:
        raise SafetensorsError(f"{name}: header is not UTF-8") from e
    if not text.startswith("{"):
        raise SafetensorsError(f"{name}: header does not start with '{{'")
    try:
        header = json.loads(text)
    except json.JSONDecodeError as e:
        raise SafetensorsError(f"{name}: header is not JSON: {e}") from e
    if not isinstance(header, dict):
        raise SafetensorsError(f"{name}: header is not an object")
    metadata = header.pop("__metadata__", None) or {}
    if not isinstance(metadata, dict) or not all(isinstance(v, str) for v in metadata.values()):
        raise SafetensorsError(f"{name}: metadata must map strings to strings")
    body = data[8 + n :]
    entries = []
    for key, info in header.items():
        if not isinstance(info, dict):
            raise SafetensorsError(f"{name}: entry {key!r} is not an object")
        if info.get("dtype") != "F32":
            raise SafetensorsError(f"{name}: tensor {key!r} has dtype {info.get('dtype')!r}; only F32 is supported")
        shape, offsets = info.get("shape"), info.get("data_offsets")
        if not isinstance(shape, list) or not all(type(d) is int and d >= 0 for d in shape):
            raise SafetensorsError(f"{name}: tensor {key!r} has a bad shape {shape!r}")
        if not isinstance(offsets, list) or len(offsets) != 2 or not all(type(o) is int and o >= 0 for o in offsets):
            raise SafetensorsError(f"{name}: tensor {key!r} has bad data_offsets {offsets!r}")
        begin, end = offsets
        if begin > end or end > len(body) or end - begin != 4 * int(np.prod(shape, dtype=object)):
            raise SafetensorsError(f"{name}: tensor {key!r} has data_offsets {offsets!r} that do not fit shape {shape!r}")
        entries.append((begin, end, key, shape))
    entries.sort(key=lambda e: (e[0], e[1]))
    expected = 0
    for begin, end, key, _ in entries:
        if begin != expected:
            raise SafetensorsError(f"{name}: tensor {key!r} does not start where the previous one ended")
        expected = end
    if expected != len(body):
        raise SafetensorsError(f"{name}: tensors cover {expected} of {len(body)} data bytes")
    tensors = [
        (key, np.frombuffer(bytes(body[begin:end]), dtype="<f4").astype(np.float32).reshape(shape))
        for begin, end, key, shape in entries
    ]
    return metadata, tensors


def load(path):
    with open(path, "rb") as f:
        return load_bytes(f.read(), path)


def _as_numpy(value):
    if hasattr(value, "detach"):  # a torch tensor, without importing torch here
        value = value.detach().cpu().numpy()
    return np.asarray(value)


def _self_test():
    rng = np.random.default_rng(0)
    tensors = [
        ("0.weight", rng.standard_normal((3, 4)).astype(np.float32)),
        ("0.bias", rng.standard_normal(3).astype(np.float32)),
        ("empty", np.zeros((0, 5), np.float32)),
        ("scalar", np.float32(2.5)),
        ("näme", np.arange(7, dtype=np.float32)),
    ]
    blob = save_bytes(tensors, {"format": "pt"})
    assert len(blob) >= 8 and (struct.unpack("<Q", blob[:8])[0]) % 8 == 0
    metadata, back = load_bytes(blob)
    assert metadata == {"format": "pt"}
    assert [k for k, _ in back] == [k for k, _ in tensors]
    for (_, a), (_, b) in zip(tensors, back):
        assert np.shape(a) == b.shape and np.array_equal(np.asarray(a), b)
    assert save_bytes(back, metadata) == blob
    for bad in (blob[:-1], blob + b"\0", b"\xff" * 8 + blob[8:], blob[:8] + b"[" + blob[9:]):
        try:
            load_bytes(bad)
        except SafetensorsError:
            pass
        else:
            raise AssertionError("a malformed file was accepted")
    checked = "round trip and malformed files"
    try:
        import torch
        from safetensors.torch import save as reference_save
    except ImportError:
        pass
    else:
        # The reference sorts float32 tensors by name; give ours the same order.
        named = {k: torch.from_numpy(np.array(v, dtype=np.float32)) for k, v in tensors}
        ours = save_bytes(sorted(named.items()), {"format": "pt"})
        assert ours == reference_save(named, metadata={"format": "pt"}), "bytes differ from the safetensors package"
        checked += ", and byte-identical to the safetensors package"
    print(f"safetensors_io self-test passed: {checked}")


if __name__ == "__main__":
    _self_test()
    sys.exit(0)
