// A real Dawn device that behaves as if only `budget` bytes of GPU memory
// were left. A buffer that would go past it fails the way WebGPU fails one:
// createBuffer hands back an invalid buffer at once (every later use of it is
// a validation error), and the enclosing 'out-of-memory' error scope reports
// the failure when popped. Everything else goes to the real device.

export interface BudgetDevice {
  device: GPUDevice;
  /** Bytes held by live buffers made through this device. */
  readonly used: number;
}

interface Scope {
  filter: GPUErrorFilter;
  error: GPUError | null;
}

export function withMemoryBudget(real: GPUDevice, budget: number): BudgetDevice {
  let used = 0;
  const scopes: Scope[] = [];

  function invalidBuffer(descriptor: GPUBufferDescriptor): GPUBuffer {
    // A size over the device's limit yields a genuinely invalid buffer; its own validation error is not the one being simulated.
    real.pushErrorScope('validation');
    const buffer = real.createBuffer({ ...descriptor, size: real.limits.maxBufferSize + 1024, mappedAtCreation: false });
    void real.popErrorScope();
    return buffer;
  }

  function createBuffer(descriptor: GPUBufferDescriptor): GPUBuffer {
    if (used + descriptor.size > budget) {
      const scope = scopes.findLast((s) => s.filter === 'out-of-memory');
      if (scope && !scope.error) {
        scope.error = { message: `out of memory: ${descriptor.size} bytes asked, ${budget - used} left (simulated)` } as GPUError;
      }
      return invalidBuffer(descriptor);
    }
    const buffer = real.createBuffer(descriptor);
    used += descriptor.size;
    let destroyed = false;
    const destroy = buffer.destroy.bind(buffer);
    buffer.destroy = () => {
      if (!destroyed) used -= descriptor.size;
      destroyed = true;
      destroy();
    };
    return buffer;
  }

  const overrides: Partial<GPUDevice> = {
    createBuffer,
    pushErrorScope(filter: GPUErrorFilter) {
      scopes.push({ filter, error: null });
      real.pushErrorScope(filter);
    },
    async popErrorScope() {
      const scope = scopes.pop();
      const actual = await real.popErrorScope();
      return scope?.error ?? actual;
    },
    destroy() {
      throw new Error('a budget device shares the test device: do not destroy it');
    },
  };

  const device = new Proxy(real, {
    get(target, key) {
      if (key in overrides) return overrides[key as keyof GPUDevice];
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    device,
    get used() {
      return used;
    },
  };
}
