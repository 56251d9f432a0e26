// Makes sure the tests that run the generated PyTorch scripts have PyTorch:
// as root on Debian it installs python3-torch and python3-torchvision with
// apt, as ensure-browser.mjs installs Chromium. Elsewhere it installs nothing
// and says loudly that those tests will be skipped; it never fails `npm test`
// for that (the tests count themselves as skipped, not passed).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// Debian's interpreter: a python3 earlier on PATH (pyenv) would not see Debian's packages.
const python = process.env.PYTHON ?? '/usr/bin/python3';
const hasPytorch = () => spawnSync(python, ['-c', 'import torch, torchvision'], { stdio: 'ignore' }).status === 0;

function run(command, args) {
  console.log(`[ensure-pytorch] $ ${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');

if (!hasPytorch() && isRoot && isDebian && python === '/usr/bin/python3') {
  console.log("[ensure-pytorch] installing Debian's python3-torch and python3-torchvision with apt-get");
  try {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'python3-torch', 'python3-torchvision']);
  } catch (error) {
    console.log(`[ensure-pytorch] apt-get failed: ${error.message}`);
  }
}

if (hasPytorch()) {
  const versions = execFileSync(python, ['-c', 'import torch, torchvision; print(torch.__version__, torchvision.__version__)'], { encoding: 'utf8' }).trim();
  console.log(`[ensure-pytorch] PyTorch and torchvision ${versions} at ${python}`);
} else {
  const line = '!'.repeat(100);
  console.log(
    `${line}\n[ensure-pytorch] ${python} cannot import torch and torchvision: the tests that run the generated PyTorch scripts will be SKIPPED.\n` +
      `[ensure-pytorch] Install them (on Debian as root: apt-get install python3-torch python3-torchvision) or set PYTHON to an interpreter that has them.\n${line}`,
  );
}
