// Pause, resume, single steps and stop for a running loop. The loop checks in
// between steps, so a request takes effect after the step in flight.

export class RunControl {
  private pausedFlag = false;
  private stopFlag = false;
  private stepsGranted = 0;
  private wake: (() => void) | null = null;

  get paused(): boolean {
    return this.pausedFlag;
  }

  get stopRequested(): boolean {
    return this.stopFlag;
  }

  pause(): void {
    this.pausedFlag = true;
  }

  resume(): void {
    this.pausedFlag = false;
    this.notify();
  }

  /** While paused, lets exactly one more step run. */
  stepOnce(): void {
    this.stepsGranted++;
    this.notify();
  }

  stop(): void {
    this.stopFlag = true;
    this.notify();
  }

  /** Resolves when the loop may take its next step (or should stop). */
  async nextStepAllowed(): Promise<void> {
    while (this.pausedFlag && !this.stopFlag) {
      if (this.stepsGranted > 0) {
        this.stepsGranted--;
        return;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
