// The Node data reader (tests, the CLI): reads public/data/ from disk. The
// only file in src/data/ that uses Node APIs; pages and workers use
// fetch-files.ts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MissingDataFileError, type DataReader } from './load.ts';

/** <repo>/public/data, found from this file's location so it does not depend on the working directory. */
export const DEFAULT_DATA_ROOT = fileURLToPath(new URL('../../public/data/', import.meta.url));

export function nodeDataReader(root = DEFAULT_DATA_ROOT): DataReader {
  return async (relativePath) => {
    const file = path.join(root, relativePath);
    try {
      const bytes = await readFile(file);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      const shown = path.relative(process.cwd(), file) || file;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new MissingDataFileError(`${shown} is missing`);
      }
      throw new Error(`${shown} could not be read (${(error as Error).message})`);
    }
  };
}
