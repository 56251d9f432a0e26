// Drawing on the pad as a user does, with the mouse.
import type { Page } from '@playwright/test';

/** Draws a "7" with the mouse: a stroke across the top, then down to the bottom left. */
export async function drawSeven(page: Page): Promise<void> {
  const pad = page.getByRole('img', { name: 'Drawing pad' });
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const at = (x: number, y: number) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(0.3, 0.25));
  await page.mouse.down();
  await page.mouse.move(...at(0.7, 0.25), { steps: 8 });
  await page.mouse.move(...at(0.45, 0.8), { steps: 12 });
  await page.mouse.up();
}
