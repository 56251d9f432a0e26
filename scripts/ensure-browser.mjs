// Makes sure the tests have a Chromium (for Playwright) and a SwiftShader
// Vulkan driver (for Dawn in Node). As root on Debian it installs Debian's
// chromium with apt, as CI does; elsewhere it uses Playwright's own download.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium, findSwiftShaderIcd } from './browser.mjs';

function run(command, args) {
  console.log(`[ensure-browser] $ ${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');

let chromium = findChromium();
if (!chromium && isRoot && isDebian) {
  console.log('[ensure-browser] no Chromium found; installing Debian\'s chromium with apt-get');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'chromium']);
  chromium = findChromium();
}
if (chromium) {
  console.log(`[ensure-browser] using the system Chromium at ${chromium}`);
} else {
  console.log('[ensure-browser] no system Chromium; using Playwright\'s own Chromium (npx playwright install chromium)');
  run('npx', ['playwright', 'install', 'chromium']);
}

const icd = findSwiftShaderIcd();
if (icd) console.log(`[ensure-browser] SwiftShader Vulkan driver for Node's Dawn: ${icd}`);
else console.log('[ensure-browser] no SwiftShader driver found: Node tests will use the machine\'s own Vulkan GPU driver');
