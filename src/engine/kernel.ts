// A kernel is a WGSL entry point plus what its callers need to know about it.
// Its uniform block (binding 0) is a struct of 4-byte scalars, packed here so
// that no alignment rules need hand-written padding.

/** A binding the WGSL declares: `@group(0) @binding(n) var<storage, read_write> name`. */
export interface KernelBinding {
  readonly name: string;
  readonly index: number;
  readonly access: 'uniform' | 'read' | 'read_write';
}

export interface Kernel {
  /** Names the kernel in pipeline labels and error messages. */
  readonly name: string;
  readonly source: string;
  readonly entryPoint?: string;
  /** Every binding declared in the source, by WGSL name. */
  readonly bindings: ReadonlyMap<string, KernelBinding>;
  /**
   * Bindings the entry point references but some variants (chosen by
   * overrides) never touch: a dispatch may leave them out and gets a stand-in.
   */
  readonly optional: readonly string[];
}

export interface KernelOptions {
  entryPoint?: string;
  optional?: readonly string[];
}

const BINDING = /@group\(0\)\s*@binding\((\d+)\)\s*var<(uniform|storage)(?:\s*,\s*(read_write|read))?>\s*(\w+)/g;

/** The bindings a WGSL source declares, by name. */
export function parseBindings(source: string): Map<string, KernelBinding> {
  const bindings = new Map<string, KernelBinding>();
  for (const [, index, space, access, name] of source.matchAll(BINDING)) {
    const binding: KernelBinding = {
      name: name!,
      index: Number(index),
      access: space === 'uniform' ? 'uniform' : access === 'read_write' ? 'read_write' : 'read',
    };
    bindings.set(binding.name, binding);
  }
  return bindings;
}

export function defineKernel(name: string, source: string, options: KernelOptions = {}): Kernel {
  const bindings = parseBindings(source);
  for (const optional of options.optional ?? []) {
    if (!bindings.has(optional)) throw new Error(`kernel "${name}": optional binding "${optional}" is not declared in its WGSL`);
  }
  return { name, source, entryPoint: options.entryPoint, bindings, optional: options.optional ?? [] };
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
