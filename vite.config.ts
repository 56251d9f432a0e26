import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The production page runs only its own code and talks only to its own
// origin: no remote scripts, no remote connections. 'wasm-unsafe-eval' is not
// needed (no WebAssembly in the product); workers come from the same origin.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** Puts the policy in the built page itself, so any static host serves it (the dev server's HMR needs inline scripts). */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'content-security-policy-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy }, injectTo: 'head-prepend' },
    ],
  };
}

const testFiles = ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'];

/**
 * The test files that use the shared Dawn device (`testGpu()` of test/gpu.ts, or the engine tests'
 * `useGpu()` around it). They run one after another in one process, so the device and the
 * pipelines it has compiled serve them all: SwiftShader compiles each pipeline on the CPU, and
 * compiling them again for every file took a third of the engine tests' time. A file that stubs a
 * global or spies on the device puts it back when it ends.
 */
function filesOnTheSharedDevice(): string[] {
  const tests = fileURLToPath(new URL('./test/', import.meta.url));
  return readdirSync(tests, { recursive: true, encoding: 'utf8' })
    .map((file) => file.replaceAll('\\', '/'))
    .filter((file) => /\.test\.tsx?$/.test(file) && readFileSync(tests + file, 'utf8').match(/\b(testGpu|useGpu)\(/))
    .map((file) => `test/${file}`);
}

const sharedDeviceFiles = filesOnTheSharedDevice();

export default defineConfig({
  plugins: [react(), contentSecurityPolicyMeta()],
  // The end-to-end server (playwright.config.ts) turns hot reload off: a file saved while the
  // specs run would otherwise reload the page under test.
  server: { host: '127.0.0.1', port: 5173, strictPort: false, hmr: process.env.PLAYGROUND_NO_HMR ? false : undefined },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    headers: { 'Content-Security-Policy': `${contentSecurityPolicy}; frame-ancestors 'none'` },
  },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  test: {
    environment: 'node',
    setupFiles: ['test/setup-webgpu.ts'],
    // Dawn is a native addon with its own threads: one process at a time keeps
    // SwiftShader's two cores for one device and avoids addon-in-worker-thread issues.
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'shared-device', include: sharedDeviceFiles, isolate: false } },
      { extends: true, test: { name: 'isolated', include: testFiles, exclude: [...configDefaults.exclude, ...sharedDeviceFiles] } },
    ],
  },
});
