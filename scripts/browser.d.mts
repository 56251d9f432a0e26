export function findChromium(): string | undefined;
export function findSwiftShaderIcd(): string | undefined;
export function webgpuChromiumArgs(options?: { swiftshader?: boolean }): string[];
export function useSwiftShader(): boolean;
