// Up to six runs side by side from the same start: four optimizers at once (one with a schedule), lines on shared
// axes and a summary;
// and "Find learning rate", whose suggestion one click puts into Set up.
import { expect, test } from '@playwright/test';
import { openPlayground, screenshot } from './helpers.ts';

test('compares SGD, SGD with momentum, Adam and RMSprop step for step', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await openPlayground(page);
  await page.getByLabel('Dataset', { exact: true }).selectOption('blobs');
  const compare = page.getByRole('region', { name: '5. Compare optimizers' });
  const run = (letter: string) => compare.getByRole('group', { name: `Run ${letter}` });
  await expect(run('A').getByLabel('Algorithm', { exact: true })).toHaveValue('sgd');
  await expect(run('B').getByLabel('Algorithm', { exact: true })).toHaveValue('adam');
  // Run A can't be removed while it is the only one left; with two, each has its remove button.
  await expect(compare.getByRole('button', { name: 'Remove run A' })).toBeVisible();

  const addRun = compare.getByRole('button', { name: 'Add run', exact: true });
  await addRun.click();
  await addRun.click();
  // The runs added: SGD with momentum, then RMSprop.
  await expect(run('C').getByLabel('Algorithm', { exact: true })).toHaveValue('sgd');
  await expect(run('C').getByLabel('Momentum', { exact: true })).toHaveValue('0.9');
  await expect(run('D').getByLabel('Algorithm', { exact: true })).toHaveValue('rmsprop');
  // A fifth run, removed again: four groups of run fields stay.
  await addRun.click();
  await compare.getByRole('button', { name: 'Remove run E' }).click();
  await expect(compare.getByRole('group', { name: /^Run [A-F]$/ })).toHaveCount(4);

  // Blobs learn slowly at the default rates; bigger ones show the differences within a few steps.
  await run('A').getByLabel('Rate', { exact: true }).fill('0.5');
  // Run A halves its rate every epoch (one step here: blobs' 80 points are one batch).
  await run('A').getByLabel('Learning-rate schedule', { exact: true }).selectOption('step');
  await expect(run('A').getByLabel('Every (epochs)', { exact: true })).toHaveValue('1');
  await run('A').getByLabel('Multiply by (gamma)', { exact: true }).fill('0.5');
  await run('B').getByLabel('Rate', { exact: true }).fill('0.05');
  await run('C').getByLabel('Rate', { exact: true }).fill('0.2');
  await run('D').getByLabel('Rate', { exact: true }).fill('0.02');
  await compare.getByLabel('Steps per run', { exact: true }).fill('20');
  await compare.getByLabel('Target accuracy (%)', { exact: true }).fill('75');

  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const summary = compare.getByRole('table');
  await expect(summary).toBeVisible({ timeout: 150_000 });
  await expect(summary.getByRole('row')).toHaveCount(5);
  const labels = ['A: SGD, lr 0.5, StepLR(step_size=1, gamma=0.5)', 'B: Adam, lr 0.05', 'C: SGD, lr 0.2, momentum 0.9', 'D: RMSprop, lr 0.02'];
  for (const label of labels) await expect(summary.getByRole('rowheader', { name: label, exact: true })).toBeVisible();
  const rows = summary.getByRole('row').filter({ has: page.getByRole('rowheader') });
  // Columns after the run: steps, first step's loss, ...
  for (let i = 0; i < 4; i++) await expect(rows.nth(i).getByRole('cell').first()).toHaveText('20');
  // Same initial weights, same first batch: the same first-step loss for every optimizer.
  const perRow = await Promise.all([0, 1, 2, 3].map((i) => rows.nth(i).getByRole('cell').nth(1).textContent()));
  expect(new Set(perRow).size).toBe(1);
  expect(Number(perRow[0])).toBeGreaterThan(0.3);
  // After that they part ways: four different final training losses.
  const finals = await Promise.all([0, 1, 2, 3].map((i) => rows.nth(i).getByRole('cell').nth(2).textContent()));
  expect(new Set(finals).size).toBeGreaterThan(1);

  const chart = compare.getByRole('img', { name: 'Comparison chart' });
  await expect(chart).toHaveAttribute('data-points', '80');
  await expect(chart.locator('.recharts-legend-item')).toHaveText(labels);
  // Four lines drawn in four colours.
  const strokes = await chart.locator('path.recharts-line-curve[stroke-width="2"]').evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke')));
  expect(new Set(strokes).size).toBe(4);
  await expect(compare.getByRole('status', { name: 'Comparison status' })).toContainText('Done');
  await screenshot(page, testInfo, 'compare');
});

test('finds a learning rate and puts it into Set up', async ({ page }, testInfo) => {
  // The first model of a page compiles its GPU kernels: on a busy SwiftShader that alone took 28 s.
  test.setTimeout(180_000);
  await openPlayground(page);
  await page.getByLabel('Dataset', { exact: true }).selectOption('blobs');
  const finder = page.getByRole('region', { name: 'Learning-rate range test' });
  await finder.getByRole('button', { name: 'Find learning rate', exact: true }).click();
  const status = finder.getByRole('status', { name: 'Range test status' });
  await expect(status).toContainText('Done', { timeout: 150_000 });
  const chart = finder.getByRole('img', { name: 'Range test chart' });
  // The chart redraws a few times a second: its last points come a moment after the status.
  await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeGreaterThan(10);
  expect(Number(await chart.getAttribute('data-points'))).toBeLessThanOrEqual(100);
  const suggestion = finder.getByText(/^Suggested learning rate: /);
  await expect(suggestion).toBeVisible();
  const suggested = /^Suggested learning rate: ([\d.e-]+),/.exec((await suggestion.textContent()) ?? '')?.[1];
  expect(Number(suggested)).toBeGreaterThan(0);
  await finder.getByRole('button', { name: 'Use this learning rate' }).click();
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue(suggested!);
  await expect(finder.getByText(`The learning rate in Set up is now ${suggested}.`)).toBeVisible();
  await screenshot(page, testInfo, 'find-learning-rate');
});
