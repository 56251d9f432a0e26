// Where the tests find a Chromium and, for Node's Dawn, a Vulkan driver that
// needs no GPU (SwiftShader ships with Chromium). Shared by the test setup,
// the Playwright config and the benchmark so that all three agree.
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const systemChromiums = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Path of a Chromium to drive, or undefined to let Playwright use its own download. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return systemChromiums.find((path) => existsSync(path));
}

function playwrightBrowserDirs() {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => name.startsWith('chromium'))
    .flatMap((name) => [join(root, name, 'chrome-linux'), join(root, name, 'chrome-linux64')]);
}

/** SwiftShader's Vulkan ICD manifest, if a Chromium on this machine carries one. */
export function findSwiftShaderIcd() {
  const dirs = ['/usr/lib/chromium', '/usr/lib/chromium-browser', ...playwrightBrowserDirs()];
  return dirs.map((dir) => join(dir, 'vk_swiftshader_icd.json')).find((path) => existsSync(path));
}

/** Chromium flags that give headless WebGPU, on SwiftShader when asked. */
export function webgpuChromiumArgs({ swiftshader = true } = {}) {
  return [
    '--enable-unsafe-webgpu',
    '--enable-features=Vulkan',
    ...(swiftshader ? ['--use-webgpu-adapter=swiftshader'] : []),
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
  ];
}

/** Whether tests should use SwiftShader rather than a real GPU (the default: it is what CI has). */
export function useSwiftShader() {
  return process.env.TEST_GPU !== 'native';
}
