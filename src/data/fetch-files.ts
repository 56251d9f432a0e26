// The data reader for pages and workers: fetches the files Vite serves from
// public/data/ (at /data/ in dev and in the build).
import { MissingDataFileError, type DataReader } from './load.ts';

/** `base` is the URL of public/data/, e.g. `import.meta.env.BASE_URL + 'data/'`. */
export function fetchDataReader(base = '/data/'): DataReader {
  const prefix = base.endsWith('/') ? base : base + '/';
  return async (relativePath) => {
    const url = prefix + relativePath;
    let response: Response;
    try {
      response = await fetch(url);
    } catch (error) {
      throw new Error(`${url} could not be fetched (${(error as Error).message}); check that the server is running`);
    }
    if (!response.ok) {
      const error = `${url}: the server answered ${response.status} ${response.statusText}`;
      throw response.status === 404 ? new MissingDataFileError(error) : new Error(error);
    }
    // Vite's dev server answers an unknown path with index.html and status 200.
    if (response.headers.get('content-type')?.includes('text/html')) {
      throw new MissingDataFileError(`${url}: the server sent an HTML page, so the file is missing`);
    }
    // A server that marks .gz files Content-Encoding: gzip gets them unzipped by the browser; readIdx accepts both forms.
    return new Uint8Array(await response.arrayBuffer());
  };
}
