// Makes sure the tests have a Chromium (for Playwright) and, for Dawn in Node,
// the Vulkan loader plus a Vulkan driver that needs no GPU (SwiftShader ships
// with Chromium). As root on Debian it installs what is missing with apt, as
// CI does; elsewhere it uses Playwright's own Chromium download.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium, findSwiftShaderIcd } from './browser.mjs';

function run(command, args) {
  console.log(`[ensure-browser] $ ${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
const vulkanLoaders = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1', '/usr/lib64/libvulkan.so.1'];
const hasVulkanLoader = () => vulkanLoaders.some((path) => existsSync(path));

const missing = [];
if (!findChromium()) missing.push('chromium');
if (!hasVulkanLoader()) missing.push('libvulkan1');
if (missing.length > 0 && isRoot && isDebian) {
  console.log(`[ensure-browser] installing Debian's ${missing.join(' and ')} with apt-get`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', ...missing]);
}

const chromium = findChromium();
if (chromium) {
  console.log(`[ensure-browser] using the system Chromium at ${chromium}`);
} else {
  console.log('[ensure-browser] no system Chromium; using Playwright\'s own Chromium (npx playwright install chromium)');
  run('npx', ['playwright', 'install', 'chromium']);
}

if (!hasVulkanLoader()) {
  console.error('[ensure-browser] the Vulkan loader (libvulkan.so.1) is missing, so WebGPU in Node (Dawn) cannot start: install libvulkan1 (apt-get install libvulkan1) and run again');
  process.exit(1);
}
const icd = findSwiftShaderIcd();
if (icd) console.log(`[ensure-browser] SwiftShader Vulkan driver for Node's Dawn: ${icd}`);
else console.log('[ensure-browser] no SwiftShader driver found: Node tests will use the machine\'s own Vulkan GPU driver');
