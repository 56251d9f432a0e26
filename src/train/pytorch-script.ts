// A training setup written out as a complete PyTorch script in the style of
// the PyTorch tutorials (torchvision datasets, a DataLoader, nn.Sequential, a
// train loop and a test loop), with command-line flags that mirror
// `npm run train`, so a run here and a run there compare line by line.
//
// The model is built from each layer's own PyTorch text (describeLayer), so a
// new layer kind needs nothing here. What the script does is what the
// playground does: pixels x/255 (ToTensor), Linear layers fed flat rows, the
// optimizer with every hyperparameter the playground applies, the test loss
// summed over the test set and divided by its size, and the JSON lines of
// src/cli/report.ts. What differs, and says so in the script: PyTorch draws
// its own initial weights, shuffled order, dropout masks and flips.

import { datasetInfo } from '../data/datasets.ts';
import { checkLayers, describeLayer } from '../engine/layer-spec.ts';
import { optimizerDefaults, type OptimizerSpec } from '../engine/optim.ts';
import type { LossName, TrainConfig } from './config.ts';
import { describeSchedule, pytorchScheduleCode } from './lr-schedule.ts';

/** The script's comments, by key: a page in another language passes its own. */
export const englishScriptComments = {
  header:
    "The playground's training setup as a PyTorch script. It runs on PyTorch 1.13 or newer with torchvision 0.14 or newer, on a CUDA GPU when there is one, else on the CPU.",
  compare:
    "To compare a run with the playground's step by step, start both from the same weights and keep the file order (--no-shuffle): the losses then agree to about 1e-4.",
  seed: "The seed picks PyTorch's own initial weights, order, dropout masks and flips: the same seed gives other numbers than in the playground. --init starts from the playground's weights.",
  images: "torchvision's own files, downloaded into --data-root the first time. ToTensor scales each pixel to [0, 1] (x / 255), as the playground does.",
  flip: 'A random horizontal flip of each training image, half of them on average.',
  limit: 'Only the first training images, as the playground was set to use.',
  blobs:
    "Four Gaussian blobs in an XOR pattern, from the playground's own seeded generator (src/engine/random.ts and src/data/blobs.ts written in Python), so these are the same points.",
  model: 'The model as the playground builds it. nn.Sequential names the weights 0.weight, 0.bias, … as the playground’s saved files do.',
  flat: 'The first Linear layer takes each image as one row of values.',
  loss: 'The loss, averaged over the batch.',
  optimizer: 'Every hyperparameter as the playground applies it.',
  schedule: "The learning rate over the epochs: scheduler.step() after each epoch's training sets the next epoch's rate, as the tutorials do.",
  train: 'One epoch of training: for each batch, forward, loss, backward and one optimizer step.',
  test: 'The loss summed over the whole test set and divided by its size, and the accuracy, with dropout off and no gradients.',
  weights: '.pt and .pth files through torch.save and torch.load(weights_only=True); .safetensors files need the safetensors package (pip install safetensors).',
  json: 'The JSON lines of npm run train -- --json: step (with --log-every), epoch and done objects with the same fields.',
} as const;

export type ScriptCommentKey = keyof typeof englishScriptComments;

/** Flags of `npm run train` that become the script's defaults. */
export interface ScriptDefaults {
  steps?: number;
  logEvery?: number;
  init?: string;
  save?: string;
  json?: boolean;
  testImages?: number;
}

export interface PytorchScriptOptions {
  /** The preset the setup started from, named in the script. */
  preset?: string;
  /** Train on the first this many training samples only. */
  trainImages?: number;
  comments?: (key: ScriptCommentKey) => string;
  defaults?: ScriptDefaults;
}

const compareFlags = '--no-shuffle --steps 20 --log-every 1 --json --init WEIGHTS.pt';

const pyString = (text: string) => JSON.stringify(text);
const pyFloat = (value: number) => (Number.isInteger(value) ? value.toFixed(1) : String(value));
const pyNumberOrNone = (value: number | undefined) => (value === undefined ? 'None' : String(value));
const pyStringOrNone = (value: string | undefined) => (value === undefined ? 'None' : pyString(value));

/** torch.optim's constructor with every hyperparameter that optim.ts applies, defaults filled in as it fills them. */
function optimizerCode(spec: OptimizerSpec): string {
  const params = 'model.parameters()';
  switch (spec.type) {
    case 'sgd': {
      const o = { ...optimizerDefaults.sgd, ...defined(spec), lr: spec.lr };
      return `torch.optim.SGD(${params}, lr=${pyFloat(o.lr)}, momentum=${pyFloat(o.momentum)}, dampening=${pyFloat(o.dampening)}, weight_decay=${pyFloat(o.weightDecay)}, nesterov=${o.nesterov ? 'True' : 'False'})`;
    }
    case 'adam': {
      const o = { ...optimizerDefaults.adam, ...defined(spec) };
      return `torch.optim.Adam(${params}, lr=${pyFloat(o.lr)}, betas=(${pyFloat(o.betas[0])}, ${pyFloat(o.betas[1])}), eps=${pyFloat(o.eps)}, weight_decay=${pyFloat(o.weightDecay)}, amsgrad=False)`;
    }
    case 'rmsprop': {
      const o = { ...optimizerDefaults.rmsprop, ...defined(spec) };
      return `torch.optim.RMSprop(${params}, lr=${pyFloat(o.lr)}, alpha=${pyFloat(o.alpha)}, eps=${pyFloat(o.eps)}, weight_decay=${pyFloat(o.weightDecay)}, momentum=${pyFloat(o.momentum)}, centered=False)`;
    }
  }
}

/** The fields that are set: an explicit undefined must not hide a default. */
function defined<T extends object>(spec: T): Partial<T> {
  return Object.fromEntries(Object.entries(spec).filter(([, value]) => value !== undefined)) as Partial<T>;
}

interface LossCode {
  /** The loss module, averaged and summed. */
  mean: string;
  sum: string;
  /** The target a batch's labels become. */
  target: string;
  /** Correct predictions in a batch, and how many predictions it makes. */
  correct: string;
}

const losses: Record<LossName, LossCode> = {
  'cross-entropy': {
    mean: 'nn.CrossEntropyLoss()',
    sum: 'nn.CrossEntropyLoss(reduction="sum")',
    target: 'labels',
    correct: '(output.argmax(dim=1) == target).sum().item()',
  },
  // Probabilities against float targets of the output's shape; a prediction is right when both are on the same side of 0.5.
  bce: {
    mean: 'nn.BCELoss()',
    sum: 'nn.BCELoss(reduction="sum")',
    target: 'labels.float().view(-1, 1)',
    correct: '((output > 0.5) == (target > 0.5)).sum().item()',
  },
  mse: {
    mean: 'nn.MSELoss()',
    sum: 'nn.MSELoss(reduction="sum")',
    target: 'labels.float().view(-1, 1)',
    correct: '((output > 0.5) == (target > 0.5)).sum().item()',
  },
};

const comment = (text: string, indent = '') =>
  text
    .split('\n')
    .map((line) => `${indent}# ${line}`.trimEnd())
    .join('\n');

function dataCode(config: TrainConfig, options: PytorchScriptOptions, say: (key: ScriptCommentKey) => string): string {
  const limit = options.trainImages;
  const limitLines =
    limit !== undefined
      ? `\n${comment(say('limit'), '    ')}\n    train_data = Subset(train_data, range(min(TRAIN_IMAGES, len(train_data))))`
      : '';
  const source = datasetInfo(config.dataset).pytorch;
  if (!('torchvision' in source)) {
    // Generated data (the blobs, the only such dataset): its generator in Python, and its comment.
    return `${comment(say('blobs'))}
${source.python}


def load_data(args):
    train_data, test_data = ${source.call}${limitLines}
    return train_data, test_data`;
  }
  const { torchvision } = source;
  const trainTransform = config.flip
    ? `transforms.Compose([\n${comment(say('flip'), '        ')}\n        transforms.RandomHorizontalFlip(),\n        transforms.ToTensor(),\n    ])`
    : 'transforms.ToTensor()';
  return `def load_data(args):
${comment(say('images'), '    ')}
    train_transform = ${trainTransform}
    train_data = datasets.${torchvision}(root=args.data_root, train=True, download=True, transform=train_transform)
    test_data = datasets.${torchvision}(root=args.data_root, train=False, download=True, transform=transforms.ToTensor())${limitLines}
    return train_data, test_data`;
}

export function pytorchScript(config: TrainConfig, options: PytorchScriptOptions = {}): string {
  const say = (key: ScriptCommentKey) => options.comments?.(key) ?? englishScriptComments[key];
  const name = options.preset ?? 'playground';
  const defaults = options.defaults ?? {};
  const loss = losses[config.loss];
  const sampleShape = [...datasetInfo(config.dataset).inputShape];
  const modelInput = checkLayers(config.layers, sampleShape).input;
  const flat = modelInput.join(',') !== sampleShape.join(',');
  const modelCall = flat ? `model(x.view(-1, ${modelInput.join(', ')}))` : 'model(x)';
  const layers = config.layers.map((spec) => `        nn.${describeLayer(spec)},`).join('\n');
  const flatComment = flat ? `${comment(say('flat'), '        ')}\n` : '';
  const fromTorchvision = 'torchvision' in datasetInfo(config.dataset).pytorch;
  const imports = [
    'from torch.utils.data import DataLoader, Subset' + (fromTorchvision ? '' : ', TensorDataset'),
    ...(fromTorchvision ? ['from torchvision import datasets, transforms'] : []),
  ];
  return `# ${name}: ${describeSetup(config)}
${comment(say('header'))}
#
#   python3 ${name}.py                # train as the playground does
#   python3 ${name}.py --help         # the options
#
${comment(say('compare'))}
#
#   npm run train -- --preset ${name} --epochs 0 --save WEIGHTS.pt    # the playground's initial weights
#   npm run train -- --preset ${name} ${compareFlags}
#   python3 ${name}.py ${compareFlags}
#
${comment(say('seed'))}

import argparse
import json
import math
import os
import time

import torch
from torch import nn
${imports.join('\n')}

SEED = ${config.seed}
BATCH_SIZE = ${config.batchSize}
EPOCHS = ${config.epochs}
SHUFFLE = ${config.shuffle ? 'True' : 'False'}${options.trainImages !== undefined ? `\nTRAIN_IMAGES = ${options.trainImages}` : ''}


${dataCode(config, options, say)}


def build_model():
${comment(say('model'), '    ')}
    return nn.Sequential(
${layers}
    )


${comment(say('loss'))}
loss_fn = ${loss.mean}
test_loss_fn = ${loss.sum}


def make_optimizer(model):
${comment(say('optimizer'), '    ')}
    return ${optimizerCode(config.optimizer)}
${
  config.lrSchedule
    ? `

def make_scheduler(optimizer):
${comment(say('schedule'), '    ')}
    return ${pytorchScheduleCode(config.lrSchedule)}
`
    : ''
}

def targets(labels):
    return ${loss.target}


def train_epoch(model, loader, optimizer, device, budget, on_step):
${comment(say('train'), '    ')}
    model.train()
    losses = []
    correct, count = 0, 0
    for x, labels in loader:
        if len(losses) >= budget:
            return losses, math.nan, False
        x, target = x.to(device), targets(labels).to(device)
        optimizer.zero_grad()
${flatComment}        output = ${modelCall}
        loss = loss_fn(output, target)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        correct += ${loss.correct}
        count += target.numel()
        on_step(losses[-1])
    return losses, correct / count, True


def test(model, loader, device):
${comment(say('test'), '    ')}
    model.eval()
    loss_sum, correct, count = 0.0, 0, 0
    with torch.no_grad():
        for x, labels in loader:
            x, target = x.to(device), targets(labels).to(device)
            output = ${modelCall}
            loss_sum += test_loss_fn(output, target).item()
            correct += ${loss.correct}
            count += target.numel()
    return loss_sum / count, correct / count


${comment(say('weights'))}
WEIGHT_FORMATS = (".pt", ".pth", ".safetensors")


def safetensors_torch(flag, path):
    try:
        import safetensors.torch
    except ImportError:
        raise SystemExit(f"error: {flag} {path}: .safetensors files need the safetensors package (pip install safetensors); or use a .pt file")
    return safetensors.torch


def check_weights_path(flag, path):
    if not path.endswith(WEIGHT_FORMATS):
        raise SystemExit(f"error: {flag} {path}: weights are .pt, .pth or .safetensors files")
    if flag == "--init" and not os.path.isfile(path):
        raise SystemExit(f"error: --init {path}: no such file")
    if path.endswith(".safetensors"):
        safetensors_torch(flag, path)


def load_weights(path, device):
    if path.endswith(".safetensors"):
        return safetensors_torch("--init", path).load_file(path, device=str(device))
    state = torch.load(path, map_location=device, weights_only=True)
    # A checkpoint may hold the state_dict under a key, beside other entries.
    for key in ("model_state_dict", "state_dict"):
        if isinstance(state, dict) and isinstance(state.get(key), dict):
            return state[key]
    return state


def save_weights(model, path):
    if path.endswith(".safetensors"):
        state = {name: tensor.detach().cpu().contiguous() for name, tensor in model.state_dict().items()}
        safetensors_torch("--save", path).save_file(state, path)
    else:
        torch.save(model.state_dict(), path)


${comment(say('json'))}
def emit(args, event):
    if args.json:
        finite = {key: (value if not isinstance(value, float) or math.isfinite(value) else None) for key, value in event.items()}
        print(json.dumps(finite, separators=(",", ":")), flush=True)


def whole(minimum):
    def parse(text):
        value = int(text)
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be a whole number of at least {minimum}, got {text}")
        return value

    return parse


def parse_args():
    parser = argparse.ArgumentParser(description=${pyString(`${name}: ${describeSetup(config)}`)})
    parser.add_argument("--data-root", default="data", help="where torchvision keeps the datasets (default: data)")
    parser.add_argument("--epochs", type=whole(0), default=EPOCHS, help=f"epochs to train, 0 only evaluates (default: {EPOCHS})")
    parser.add_argument("--steps", type=whole(1), default=${pyNumberOrNone(defaults.steps)}, help="stop after N optimizer steps")
    parser.add_argument("--no-shuffle", action="store_true", default=not SHUFFLE, help="batches in file order")
    parser.add_argument("--init", default=${pyStringOrNone(defaults.init)}, help="start from these weights (.pt, .pth or .safetensors)")
    parser.add_argument("--save", default=${pyStringOrNone(defaults.save)}, help="save the trained weights (.pt, .pth or .safetensors)")
    parser.add_argument("--log-every", type=whole(1), default=${pyNumberOrNone(defaults.logEvery)}, help="report the loss every N steps")
    parser.add_argument("--test-images", type=whole(1), default=${pyNumberOrNone(defaults.testImages)}, help="test on the first N test samples only (a quicker test pass)")
    parser.add_argument("--json", action="store_true", default=${defaults.json ? 'True' : 'False'}, help="one JSON object per line")
    return parser.parse_args()


def main():
    args = parse_args()
    for flag, path in (("--init", args.init), ("--save", args.save)):
        if path:
            check_weights_path(flag, path)
    torch.manual_seed(SEED)
    device = "cuda" if torch.cuda.is_available() else "cpu"

    train_data, test_data = load_data(args)
    if args.test_images is not None:
        test_data = Subset(test_data, range(min(args.test_images, len(test_data))))
    train_loader = DataLoader(train_data, batch_size=BATCH_SIZE, shuffle=not args.no_shuffle)
    test_loader = DataLoader(test_data, batch_size=BATCH_SIZE)

    model = build_model().to(device)
    if args.init:
        try:
            model.load_state_dict(load_weights(args.init, device))
        except RuntimeError as error:
            reason = " ".join(line.strip() for line in str(error).splitlines())
            raise SystemExit(f"error: --init {args.init}: {reason} Use weights saved for this model.")
    optimizer = make_optimizer(model)${config.lrSchedule ? '\n    scheduler = make_scheduler(optimizer)' : ''}

    max_steps = args.steps if args.steps is not None else math.inf
    if not args.json:
        print(f"${name} on {device}: {args.epochs} epochs of {len(train_loader)} steps, batch {BATCH_SIZE}")
    steps = 0
    last_test = None  # (steps, loss, accuracy) of the latest test pass

    def on_step(loss):
        nonlocal steps
        steps += 1
        if args.log_every and steps % args.log_every == 0:
            emit(args, {"type": "step", "step": steps, "loss": loss})
            if not args.json:
                print(f"step {steps}  loss {loss:.4f}")

    for epoch in range(1, args.epochs + 1):
        if steps >= max_steps:
            break
        started = time.perf_counter()
        lr = optimizer.param_groups[0]["lr"]
        losses, train_accuracy, complete = train_epoch(model, train_loader, optimizer, device, max_steps - steps, on_step)
        seconds = time.perf_counter() - started
        # A run that stops inside an epoch reports no epoch, as the playground does.
        if not complete:
            break${config.lrSchedule ? '\n        scheduler.step()' : ''}
        test_loss, test_accuracy = test(model, test_loader, device)
        last_test = (steps, test_loss, test_accuracy)
        train_loss = sum(losses) / len(losses) if losses else math.nan
        samples_per_second = len(train_loader.dataset) / max(seconds, 1e-9)
        emit(args, {"type": "epoch", "epoch": epoch, "trainLoss": train_loss, "trainAccuracy": train_accuracy, "testLoss": test_loss, "testAccuracy": test_accuracy,
                    "seconds": seconds, "samplesPerSecond": samples_per_second, "lr": lr})
        if not args.json:
            print(f"epoch {epoch}  train loss {train_loss:.4f}  train accuracy {100 * train_accuracy:.2f}%  test loss {test_loss:.4f}  test accuracy {100 * test_accuracy:.2f}%  "
                  f"{seconds:.1f} s  {samples_per_second:,.0f} samples/s")

    if last_test is None or last_test[0] != steps:
        last_test = (steps, *test(model, test_loader, device))
    _, test_loss, test_accuracy = last_test
    emit(args, {"type": "done", "testLoss": test_loss, "testAccuracy": test_accuracy})
    if not args.json:
        print(f"done: test loss {test_loss:.4f}, test accuracy {100 * test_accuracy:.2f}% after {steps} steps")
    if args.save:
        save_weights(model, args.save)
        if not args.json:
            print(f"saved {args.save}")


if __name__ == "__main__":
    main()
`;
}

/** "Fashion-MNIST, 784-256-128-10 …": the dataset, model, loss, optimizer and batch in one line. */
function describeSetup(config: TrainConfig): string {
  const optimizer = { sgd: 'SGD', adam: 'Adam', rmsprop: 'RMSprop' }[config.optimizer.type];
  return `${datasetInfo(config.dataset).title}, ${config.layers.map(describeLayer).join(' → ')}, ${losses[config.loss].mean.replace(/\(\)$/, '')}, ${optimizer} lr ${config.optimizer.lr}${config.lrSchedule ? `, ${describeSchedule(config.lrSchedule)}` : ''}, batch ${config.batchSize}, ${config.epochs} epochs`;
}
