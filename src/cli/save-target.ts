// Where --save writes: checked before training starts, so that a path that
// cannot be written is refused in one line instead of after the run, and a
// save that still fails at the end (a full disk) puts the weights somewhere
// else rather than losing them.

import { constants } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The weight formats --save writes, by extension: safetensors, or torch.save's format (.pt, .pth). */
export const saveExtensions = ['.safetensors', '.pt', '.pth'];

export class SaveTargetError extends Error {
  override name = 'SaveTargetError';
}

const reason = (error: unknown) => {
  const { code, message } = error as NodeJS.ErrnoException;
  const plain: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    // Where the folder exists: /proc and /sys refuse new files this way.
    ENOENT: 'this file system takes no new files there',
  };
  return (code && plain[code]) ?? message;
};

async function kindOf(file: string): Promise<'missing' | 'file' | 'folder' | 'other'> {
  try {
    const info = await stat(file);
    return info.isFile() ? 'file' : info.isDirectory() ? 'folder' : 'other';
  } catch (error) {
    // ENOTDIR: a part of the path is a file, which makeFolder names.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw error;
  }
}

/**
 * Makes `folder` and its missing parents one level at a time. Not
 * mkdir({ recursive: true }): under /proc, mkdir fails with ENOENT although
 * the parent exists, and Node's recursive mkdir then retries forever.
 */
async function makeFolder(folder: string, shown: string): Promise<void> {
  const missing: string[] = [];
  let existing = folder;
  for (;;) {
    const kind = await kindOf(existing);
    if (kind === 'folder') break;
    if (kind !== 'missing') throw new SaveTargetError(`${shown}: ${relative(existing)} is a file, not a folder; choose another path`);
    missing.unshift(existing);
    const parent = path.dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  for (const part of missing) {
    try {
      await mkdir(part);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && (await kindOf(part)) === 'folder') continue;
      throw new SaveTargetError(`${shown}: cannot make the folder ${relative(part)} (${reason(error)}); choose another path`);
    }
  }
}

/** As the user would write it: relative to the working folder when inside it. */
function relative(file: string): string {
  const inside = path.relative(process.cwd(), file);
  return inside && !inside.startsWith('..') && !path.isAbsolute(inside) ? inside : file;
}

/** A name beside `file` that nothing else uses, for a probe or a partial write. */
const besides = (file: string, suffix: string) =>
  path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${Math.random().toString(36).slice(2, 8)}.${suffix}`);

/**
 * Throws a one-line SaveTargetError unless `file` can be written: a known
 * extension, not a folder or a device, its folder made, and a new file
 * created and removed beside it. The probe creates a new file (O_EXCL), so
 * it never opens a FIFO or a device that could block.
 */
export async function checkSaveTarget(file: string, flag = '--save', extensions = saveExtensions): Promise<void> {
  const shown = `${flag} ${file}`;
  const inFolder = (folder: string) => `${shown}: that is a folder; name a file in it, e.g. ${path.join(folder, `model${extensions[0]}`)}`;
  if (file.endsWith('/') || file.endsWith(path.sep)) throw new SaveTargetError(inFolder(file));
  const target = path.resolve(file);
  let kind: Awaited<ReturnType<typeof kindOf>>;
  try {
    kind = await kindOf(target);
  } catch (error) {
    throw new SaveTargetError(`${shown}: cannot be checked (${reason(error)}); choose another path`);
  }
  if (kind === 'folder') throw new SaveTargetError(inFolder(file));
  if (kind === 'other') throw new SaveTargetError(`${shown}: that is not a regular file (a device, pipe or socket); choose another path`);
  if (!extensions.includes(path.extname(file).toLowerCase())) {
    throw new SaveTargetError(`${shown}: ${flag === '--save' ? 'weights are' : 'this is'} saved as ${extensions.join(', ')} files; end the name with ${extensions.length > 1 ? 'one of them' : 'it'}`);
  }
  await makeFolder(path.dirname(target), shown);
  const probe = besides(target, 'probe');
  try {
    const handle = await open(probe, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NONBLOCK);
    await handle.close();
  } catch (error) {
    throw new SaveTargetError(`${shown}: cannot write in ${relative(path.dirname(target))} (${reason(error)}); choose another path`);
  }
  await rm(probe, { force: true });
}

/** Writes beside the target and renames, so an interrupted save never leaves half a file. */
export async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const partial = besides(file, 'partial');
  try {
    const handle = await open(partial, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true }).catch(() => {});
    throw error;
  }
}

export interface SaveResult {
  /** Where the weights are. */
  file: string;
  /** Why they are not where they were asked to go, when they are not. */
  failure?: string;
}

/**
 * Saves to `file`; when that fails (the disk filled up during the run), to a
 * new file in the working folder, else in the system's temporary folder.
 * Throws only when none of them could be written.
 */
export async function saveWithFallback(file: string, bytes: Uint8Array): Promise<SaveResult> {
  let failure: string;
  try {
    await writeAtomically(file, bytes);
    return { file };
  } catch (error) {
    failure = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder is gone' : reason(error);
  }
  const extension = path.extname(file);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const name = `${path.basename(file, extension)}-unsaved-${stamp}-${process.pid}${extension}`;
  const tried: string[] = [];
  for (const folder of [process.cwd(), tmpdir()]) {
    const fallback = path.join(folder, name);
    try {
      await writeAtomically(fallback, bytes);
      return { file: fallback, failure };
    } catch (error) {
      tried.push(`${folder}: ${reason(error)}`);
    }
  }
  throw new SaveTargetError(`the weights could not be saved to ${file} (${failure}) nor to a fallback file (${tried.join('; ')})`);
}
