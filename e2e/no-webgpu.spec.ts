// Without WebGPU the page says why and how to get it: never blank, never frozen.
import { expect, test } from '@playwright/test';
import { findChromium } from '../scripts/browser.mjs';
import { screenshot } from './helpers.ts';

test('a browser without navigator.gpu gets an explanation', async ({ page }, testInfo) => {
  await page.addInitScript(() => {
    delete (Navigator.prototype as { gpu?: unknown }).gpu;
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'This browser does not offer WebGPU' })).toBeVisible();
  await expect(page.getByText(/Chrome or Edge 113 or newer/)).toBeVisible();
  await expect(page.getByText('chrome://gpu')).toBeVisible();
  await expect(page.getByText(/Firefox/).first()).toBeVisible();
  await expect(page.getByText(/Safari/).first()).toBeVisible();
  await screenshot(page, testInfo, 'no-webgpu');
});

test('a browser with WebGPU but no adapter gets an explanation', async ({ playwright, baseURL }) => {
  // Chromium started without the WebGPU flags has navigator.gpu but no adapter on a machine without a GPU.
  const executablePath = findChromium();
  const browser = await playwright.chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.goto(baseURL!);
    await expect(page.getByRole('heading', { name: 'WebGPU is there, but no GPU is available to it' })).toBeVisible();
    await expect(page.getByText('chrome://gpu')).toBeVisible();
  } finally {
    await browser.close();
  }
});
