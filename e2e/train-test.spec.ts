// "Train and test" and from a mistake to its cause: a short MNIST run on 100
// training images overfits within a few epochs; the chart shows each epoch's
// training and test figures as the worker sent them, with early stopping's
// point; a confusion-matrix cell shows exactly its count of test images, and
// an image clicked goes onto the drawing pad as the model's input.
import { expect, test, type Worker } from '@playwright/test';
import { openPlayground, screenshot } from './helpers.ts';

interface Epoch {
  epoch: number;
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
}

/** Records every epoch event the worker posts to the page (before the page's store sees it). */
async function recordEpochs(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const scope = self as unknown as { postMessage: (m: unknown, t?: Transferable[]) => void; __epochs: unknown[] };
    const original = scope.postMessage.bind(scope);
    scope.__epochs = [];
    scope.postMessage = (message: unknown, transfer?: Transferable[]) => {
      const m = message as { type?: string; epochs?: unknown[] };
      if (m.type === 'run-update' && m.epochs) scope.__epochs.push(...structuredClone(m.epochs));
      original(message, transfer ?? []);
    };
  });
}

// The page's own formats: three significant digits for a loss, one decimal for a percentage.
const loss = (x: number) => (x !== 0 && Math.abs(x) < 0.001 ? x.toExponential(2) : x.toPrecision(3));
const percent = (x: number) => new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
const points = (x: number) => `${(x * 100).toFixed(1)} points`;

test('few training images: train and test per epoch, overfitting marked, and a confusion cell down to the drawing pad', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const workerStarted = page.waitForEvent('worker');
  await openPlayground(page);
  await recordEpochs(await workerStarted);

  // 100 training images, batches of 10, a 784-64-10 MLP with Adam at 0.01: it learns its training images by heart in a few epochs.
  const epochs = 10;
  await page.getByLabel('Training images', { exact: true }).selectOption('100');
  await page.getByRole('button', { name: 'Remove hidden layer 2' }).click();
  await page.getByLabel('Hidden layer 1 units', { exact: true }).fill('64');
  await page.getByLabel('Batch size', { exact: true }).fill('10');
  await page.getByLabel('Learning rate', { exact: true }).fill('0.01');
  await page.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Training status' })).toContainText('Done', { timeout: 240_000 });

  const sent = (await (await workerStarted).evaluate(() => (self as unknown as { __epochs: Epoch[] }).__epochs)) as Epoch[];
  expect(sent.map((e) => e.epoch)).toEqual(Array.from({ length: epochs }, (_, i) => i + 1));
  // Counted over the 100 training images: whole percents.
  for (const e of sent) expect(Math.abs(e.trainAccuracy * 100 - Math.round(e.trainAccuracy * 100))).toBeLessThan(1e-6);

  const chart = page.getByRole('img', { name: 'Train and test', exact: true });
  await expect(chart).toHaveAttribute('data-points', String(epochs));
  // Early stopping's point, worked out here from what the worker sent: the lowest test loss, with a higher one after it.
  const lowest = sent.reduce((best, e) => (e.testLoss < best.testLoss ? e : best));
  expect(sent.some((e) => e.epoch > lowest.epoch && e.testLoss > lowest.testLoss)).toBe(true);
  await expect(chart).toHaveAttribute('data-stop-epoch', String(lowest.epoch));
  const figure = page.locator('figure.train-test');
  await expect(figure.locator('figcaption')).toContainText(`The test loss was lowest after epoch ${lowest.epoch} (${loss(lowest.testLoss)})`);
  // The gap: at the end the network does better on its training images than on the test images.
  const last = sent.at(-1)!;
  expect(last.trainAccuracy).toBeGreaterThan(last.testAccuracy);
  expect(last.trainLoss).toBeLessThan(last.testLoss);

  // Every epoch's row says what the worker sent.
  await figure.getByText('Values per epoch').click();
  const rows = figure.getByRole('table', { name: 'Train and test, per epoch' }).getByRole('row');
  await expect(rows).toHaveCount(epochs + 1);
  for (const e of sent) {
    const cells = await rows.nth(e.epoch).locator('th, td').allTextContents();
    expect(cells).toEqual([
      e.epoch === lowest.epoch ? `${e.epoch} (lowest test loss)` : String(e.epoch),
      loss(e.trainLoss),
      loss(e.testLoss),
      loss(e.testLoss - e.trainLoss),
      percent(e.trainAccuracy),
      percent(e.testAccuracy),
      points(e.trainAccuracy - e.testAccuracy),
    ]);
  }
  await screenshot(page, testInfo, 'train-test');

  // A confusion cell off the diagonal, holding a few mistakes: its button opens exactly that many images.
  const results = page.getByRole('region', { name: '4. Results' });
  const matrix = results.getByRole('table', { name: 'Confusion matrix' });
  const names = await matrix.getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? ''));
  // Counts are written as the page writes numbers: 1,135 images.
  const cells = names.map((name) => /^(\S+) predicted as (\S+): ([\d,]+) images?$/.exec(name)).filter((m) => m !== null);
  expect(cells.length).toBe(names.length);
  const countOf = (m: RegExpExecArray) => Number(m[3]!.replaceAll(',', ''));
  const mistake = cells.filter((m) => m[1] !== m[2] && countOf(m) <= 100).sort((a, b) => countOf(b) - countOf(a))[0]!;
  const [name, truth, answer, countText] = mistake;
  const count = countOf(mistake);
  const button = matrix.getByRole('button', { name, exact: true });
  await expect(button).toHaveText(countText!);
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  const cell = results.getByRole('region', { name, exact: true });
  const images = cell.getByRole('list', { name: 'Test images of this cell' }).getByRole('button');
  await expect(images).toHaveCount(count);
  // Each names its probabilities: the wrong answer first, then the truth.
  await expect(images.first()).toHaveAccessibleName(new RegExp(`^Test image \\d+: ${answer} \\d+\\.\\d%, ${truth} \\d+\\.\\d%\\. Put it on the drawing pad$`));

  // Picked by keyboard: the image becomes the drawing pad's input, pixel for pixel, and the trained model reads it as the cell's answer.
  const picked = images.first();
  await picked.focus();
  await page.keyboard.press('Enter');
  const index = /^Test image (\d+):/.exec((await picked.getAttribute('aria-label')) ?? '')![1];
  await expect(cell.getByRole('status')).toHaveText(new RegExp(`^Test image ${index} is on the drawing pad`));
  const pixelsOf = (canvas: HTMLCanvasElement) => Array.from(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data);
  const imagePixels = await picked.locator('canvas').evaluate(pixelsOf);
  const draw = page.getByRole('region', { name: '3. Draw' });
  const preview = draw.getByRole('img', { name: 'Model input, 28 by 28 pixels' });
  await expect.poll(() => preview.evaluate(pixelsOf)).toEqual(imagePixels);
  expect(imagePixels.some((v, i) => i % 4 === 0 && v > 0)).toBe(true);
  await expect(draw.getByRole('status', { name: 'Prediction' })).toHaveText(answer!);
  await screenshot(page, testInfo, 'cell-on-pad');
});
