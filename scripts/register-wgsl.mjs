// `node --import ./scripts/register-wgsl.mjs`: see wgsl-hooks.mjs.
import { register } from 'node:module';

register('./wgsl-hooks.mjs', import.meta.url);
