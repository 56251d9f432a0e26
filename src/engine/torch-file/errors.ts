/** A file that is not a torch.save file this reader can open safely, or tensors that cannot be written as one. */
export class TorchFileError extends Error {
  override name = 'TorchFileError';
}

/** The error for a broken or hostile file: `what` is wrong, `todo` says what the user can do. */
export function fail(what: string, todo: string): never {
  throw new TorchFileError(`${what}; ${todo}`);
}

/**
 * Text from the file (entry names, global names, dictionary keys), quoted,
 * shortened and escaped so that a message stays one short line.
 */
export function quote(text: string): string {
  const short = text.length <= 60 ? text : `${text.slice(0, 60)}...`;
  return JSON.stringify(short).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
