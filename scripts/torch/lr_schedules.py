"""The learning rates PyTorch's StepLR and CosineAnnealingLR give each epoch, for test/train/lr-schedule.test.ts.

    /usr/bin/python3 scripts/torch/lr_schedules.py    # writes test/fixtures/torch/lr-schedules.json

As the tutorials do: one optimizer.step() per batch (here one batch per epoch)
and scheduler.step() after each epoch; the rate recorded for an epoch is
optimizer.param_groups[0]["lr"] before that epoch's steps, the one its
updates use. Python floats are float64, written by json with repr (exact).
"""

import json
import os

import torch

EPOCHS = 20
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "test", "fixtures", "torch", "lr-schedules.json")


def rates(lr, make_scheduler):
    weight = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([weight], lr=lr)
    scheduler = make_scheduler(optimizer)
    out = []
    for _ in range(EPOCHS):
        out.append(optimizer.param_groups[0]["lr"])
        optimizer.zero_grad()
        weight.sum().backward()
        optimizer.step()
        scheduler.step()
    return out


def main():
    torch.set_num_threads(1)
    cases = []
    for lr in (0.1, 0.003):
        for step_size in (1, 3, 5):
            for gamma in (0.1, 0.5, 0.7):
                spec = {"type": "step", "stepSize": step_size, "gamma": gamma}
                make = lambda o, s=step_size, g=gamma: torch.optim.lr_scheduler.StepLR(o, step_size=s, gamma=g)
                cases.append({"lr": lr, "schedule": spec, "rates": rates(lr, make)})
        # torch's default gamma, 0.1
        cases.append({"lr": lr, "schedule": {"type": "step", "stepSize": 2}, "rates": rates(lr, lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=2))})
        for t_max in (5, 15):
            for eta_min in (0.0, 1e-4):
                spec = {"type": "cosine", "tMax": t_max, "etaMin": eta_min}
                make = lambda o, t=t_max, e=eta_min: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=t, eta_min=e)
                cases.append({"lr": lr, "schedule": spec, "rates": rates(lr, make)})
        # torch's default eta_min, 0
        cases.append({"lr": lr, "schedule": {"type": "cosine", "tMax": 7}, "rates": rates(lr, lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=7))})
    with open(OUT, "w") as f:
        json.dump({"torch": torch.__version__, "epochs": EPOCHS, "cases": cases}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
