// Command recording for one device: one encoder and one compute pass until
// the next submit, the buffers the recorded commands use (a queue write to
// one of them has to submit them first, or it would land before them), and
// rehearsals, whose commands are thrown away.

export class CommandRecorder {
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private readonly used = new Set<GPUBuffer>();
  private rehearsing = false;

  constructor(
    private readonly device: GPUDevice,
    /** Runs before anything is recorded: throws if the device is gone. */
    private readonly beforeRecording: () => void,
  ) {}

  /** Inside `rehearse`: buffer writes are to be skipped and nothing may be submitted or read. */
  get isRehearsing(): boolean {
    return this.rehearsing;
  }

  /** Whether the commands recorded since the last submit use this buffer. */
  uses(buffer: GPUBuffer): boolean {
    return this.encoder !== null && this.used.has(buffer);
  }

  markUsed(...buffers: GPUBuffer[]): void {
    for (const buffer of buffers) this.used.add(buffer);
  }

  computePass(): GPUComputePassEncoder {
    if (!this.pass) this.pass = this.commandEncoder().beginComputePass({ label: 'step' });
    return this.pass;
  }

  /** An encoder for copies and clears: ends the compute pass in progress. */
  encoderForCopies(): GPUCommandEncoder {
    this.endPass();
    return this.commandEncoder();
  }

  /** Submits everything recorded so far as one command buffer; false when there was nothing. */
  submit(): boolean {
    if (!this.encoder) return false;
    // Gpu.submit says so to its callers; this keeps a rehearsal's commands from ever reaching the queue.
    if (this.rehearsing) throw new Error('a rehearsal cannot submit work');
    this.endPass();
    const commands = this.encoder.finish();
    this.encoder = null;
    this.device.queue.submit([commands]);
    this.used.clear();
    return true;
  }

  /** Runs `record` and throws its commands away; what was recorded before is submitted first. */
  rehearse(record: () => void): void {
    this.submit();
    this.rehearsing = true;
    try {
      record();
    } finally {
      this.rehearsing = false;
      this.endPass();
      this.encoder?.finish();
      this.encoder = null;
      this.used.clear();
    }
  }

  private commandEncoder(): GPUCommandEncoder {
    this.beforeRecording();
    if (!this.encoder) this.encoder = this.device.createCommandEncoder({ label: 'step' });
    return this.encoder;
  }

  private endPass(): void {
    this.pass?.end();
    this.pass = null;
  }
}
