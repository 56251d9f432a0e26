// Steps most specs share: open the playground and wait until it is ready,
// and keep a full-page screenshot of each flow among the test's artefacts.
import { expect, type Page, type TestInfo } from '@playwright/test';

/** Opens the page and waits for the GPU adapter's name and the default data. */
export async function openPlayground(page: Page): Promise<void> {
  await page.goto('/');
  const facts = page.getByRole('status', { name: 'Playground status' });
  // All tabs share the browser's one GPU process: on SwiftShader a closed
  // tab's queued work (e2e/cnn.spec's last CNN test pass over 10,000 images,
  // tens of seconds on the CPU) runs before this tab gets its device.
  await expect(facts).toContainText('GPU:', { timeout: 60_000 });
  await expect(facts).toContainText(/loaded/);
}

/** A full-page screenshot under test-results/ (kept whether the test passes or not). */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
}

/** Sets a text field by its label (select all, type), as a user would. */
export async function fillField(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
}

/** Blobs with a short run: the quickest real training there is (80 points, a 2-5-1 network). */
export async function chooseShortBlobsRun(page: Page, epochs: number): Promise<void> {
  await page.getByLabel('Dataset', { exact: true }).selectOption('blobs');
  await expect(page.getByLabel('Preset', { exact: true })).toHaveValue('blobs-xor');
  await fillField(page, 'Epochs', String(epochs));
}
