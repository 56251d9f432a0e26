"""Runs a generated PyTorch script for the parity test, from initial weights it writes for both sides.

    /usr/bin/python3 test/pytorch/run_script.py init SCRIPT WEIGHTS [SCRIPT WEIGHTS ...]
    /usr/bin/python3 test/pytorch/run_script.py run SCRIPT SEED WEIGHTS [SCRIPT FLAGS...]

`init` builds each script's model (its build_model(), with PyTorch's default
initialisation) and saves those weights as WEIGHTS.pt for the script and as
WEIGHTS.safetensors for `npm run train -- --init` (through
scripts/torch/safetensors_io.py, as Debian has no safetensors package). `run`
then runs the script as `python3 SCRIPT --init WEIGHTS.pt FLAGS...` with the
playground's dropout masks and flips (playground_random.py), on one thread,
while the test runs our side from WEIGHTS.safetensors. One `init` makes every
case's weights: each start of Python imports torch, seconds on these machines.
"""

import os
import runpy
import sys

sys.dont_write_bytecode = True  # leave no __pycache__ in the repository
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts", "torch"))

import torch  # noqa: E402

import playground_random  # noqa: E402
import safetensors_io  # noqa: E402


def init(script, weights):
    torch.manual_seed(12345)
    model = runpy.run_path(script, run_name="generated")["build_model"]()
    state = model.state_dict()
    torch.save(state, weights + ".pt")
    safetensors_io.save(weights + ".safetensors", sorted(state.items()), {"format": "pt"})


def run(script, seed, weights, flags):
    playground_random.install(int(seed))
    sys.argv = [script, "--init", weights + ".pt", *flags]
    runpy.run_path(script, run_name="__main__")


def main():
    torch.set_num_threads(1)
    mode, *args = sys.argv[1:]
    if mode == "init":
        if not args or len(args) % 2:
            sys.exit("run_script.py init: give SCRIPT WEIGHTS pairs")
        for script, weights in zip(args[::2], args[1::2]):
            init(script, weights)
    elif mode == "run":
        script, seed, weights, *flags = args
        run(script, seed, weights, flags)
    else:
        sys.exit(f"run_script.py: unknown mode {mode!r} (init or run)")


if __name__ == "__main__":
    main()
