// How the train command shows a run: JSON lines for machines, or a progress
// bar and a line per epoch for people.

import cliProgress from 'cli-progress';
import type { TrainEvent } from '../train/events.ts';

export interface Reporter {
  onEvent(event: TrainEvent): void;
  close(): void;
}

const print = (line: string) => process.stdout.write(line + '\n');

/** One JSON object per line: step (every `logEvery` steps), epoch, done. */
export function jsonReporter(logEvery: number | undefined): Reporter {
  return {
    onEvent(event) {
      if (event.type === 'step' && logEvery && event.step % logEvery === 0) {
        print(JSON.stringify({ type: 'step', step: event.step, loss: event.loss }));
      } else if (event.type === 'epoch') {
        print(JSON.stringify(event));
      } else if (event.type === 'done') {
        print(JSON.stringify({ type: 'done', testLoss: event.testLoss, testAccuracy: event.testAccuracy }));
      }
    },
    close() {},
  };
}

const percent = (fraction: number) => `${(100 * fraction).toFixed(2)}%`;
const rate = (samplesPerSecond: number) => `${Math.round(samplesPerSecond).toLocaleString('en-US')} samples/s`;

/** A progress bar with loss, samples/s and ETA on a terminal; plain lines otherwise. */
export function humanReporter(logEvery: number | undefined, totalSteps: number): Reporter {
  const interactive = process.stdout.isTTY === true;
  const bar = interactive
    ? new cliProgress.SingleBar(
        {
          format: ' {bar} {percentage}% | step {value}/{total} | epoch {epoch} | loss {loss} | {rate} | ETA {eta_formatted}',
          hideCursor: true,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(Math.max(totalSteps, 1), 0, { epoch: 1, loss: '…', rate: '…' });
  // Above the bar: clear its line, print, and let the next update redraw it.
  const log = (line: string) => print(bar ? `\r\x1b[K${line}` : line);
  let lastLoss = NaN;
  return {
    onEvent(event) {
      switch (event.type) {
        case 'step':
          lastLoss = event.loss;
          if (logEvery && event.step % logEvery === 0) log(`step ${event.step}  loss ${event.loss.toFixed(4)}`);
          break;
        case 'progress':
          bar?.update(event.steps, { epoch: `${event.epoch}/${event.epochs}`, loss: lastLoss.toFixed(4), rate: rate(event.samplesPerSecond) });
          break;
        case 'epoch':
          log(
            `epoch ${event.epoch}  train loss ${event.trainLoss.toFixed(4)}  train accuracy ${percent(event.trainAccuracy)}  test loss ${event.testLoss.toFixed(4)}  ` +
              `test accuracy ${percent(event.testAccuracy)}  ${event.seconds.toFixed(1)} s  ${rate(event.samplesPerSecond)}`,
          );
          break;
        case 'diverged':
          break;
        case 'done':
          bar?.stop();
          print(`done: test loss ${event.testLoss.toFixed(4)}, test accuracy ${percent(event.testAccuracy)} after ${event.steps} steps`);
          break;
      }
    },
    close() {
      bar?.stop();
    },
  };
}
