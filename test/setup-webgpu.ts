// Runs in each test process before any test file: points Dawn at SwiftShader
// (when no GPU is wanted or present) before dawn.node loads its Vulkan driver.
import { findSwiftShaderIcd, useSwiftShader } from '../scripts/browser.mjs';

if (useSwiftShader() && !process.env.VK_ICD_FILENAMES) {
  const icd = findSwiftShaderIcd();
  if (icd) process.env.VK_ICD_FILENAMES = icd;
}
process.env.XDG_RUNTIME_DIR ??= '/tmp';
