// Node module hooks that give `import source from './x.wgsl?raw'` the meaning
// Vite gives it (the file's text as the default export), so the engine's
// kernels load the same way in the CLI as in the page and the tests.
import { readFile } from 'node:fs/promises';

const isRawWgsl = (specifier) => /\.wgsl\?raw$/.test(specifier);

export async function resolve(specifier, context, nextResolve) {
  if (isRawWgsl(specifier) && context.parentURL) {
    return { url: new URL(specifier, context.parentURL).href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (isRawWgsl(url)) {
    const source = await readFile(new URL(url.replace(/\?raw$/, '')), 'utf8');
    return { format: 'module', source: `export default ${JSON.stringify(source)};`, shortCircuit: true };
  }
  return nextLoad(url, context);
}
