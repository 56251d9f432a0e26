// A kernel is a WGSL entry point plus what its callers need to know about it.
// Its uniform block (binding 0) is a struct of 4-byte scalars, packed here so
// that no alignment rules need hand-written padding.

export interface Kernel {
  /** Names the kernel in pipeline labels and error messages. */
  readonly name: string;
  readonly source: string;
  readonly entryPoint?: string;
}

export function defineKernel(name: string, source: string, entryPoint?: string): Kernel {
  return { name, source, entryPoint };
}

type Field = { u32: number } | { f32: number } | { i32: number };

/** Packs scalars in declaration order into a uniform block, padded to 16 bytes. */
export function uniforms(...fields: Field[]): ArrayBuffer {
  const bytes = new ArrayBuffer(Math.max(16, Math.ceil((fields.length * 4) / 16) * 16));
  const view = new DataView(bytes);
  fields.forEach((field, index) => {
    if ('u32' in field) {
      if (!Number.isInteger(field.u32) || field.u32 < 0 || field.u32 > 0xffffffff) {
        throw new RangeError(`uniform field ${index}: ${field.u32} is not a u32`);
      }
      view.setUint32(index * 4, field.u32, true);
    } else if ('i32' in field) {
      view.setInt32(index * 4, field.i32, true);
    } else {
      view.setFloat32(index * 4, field.f32, true);
    }
  });
  return bytes;
}

export const u32 = (value: number): Field => ({ u32: value });
export const f32 = (value: number): Field => ({ f32: value });
export const i32 = (value: number): Field => ({ i32: value });

/** Workgroups needed to cover `count` items with `perGroup` items each. */
export function groupsFor(count: number, perGroup: number): number {
  return Math.ceil(count / perGroup);
}

/**
 * Workgroups of 64 covering `count` elements, spread over two dimensions when
 * one would pass the 65,535 limit. Kernels rebuild the flat index as
 * `id.x + id.y * num_workgroups.x * 64`.
 */
export function elementwiseGroups(count: number): [number, number] {
  const groups = Math.ceil(count / 64);
  const x = Math.min(groups, 65535);
  return [x, Math.ceil(groups / x)];
}
