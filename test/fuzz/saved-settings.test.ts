// Settings come back from IndexedDB as whatever was stored there: an older
// version's shape, another tab's, or junk. Thousands of random and hostile
// values must each revive to usable settings (or null), never throw, and any
// config built from them must pass the training config's own checks.

import { describe, expect, it } from 'vitest';
import { Random } from '../../src/engine/random.ts';
import { checkConfig } from '../../src/train/config.ts';
import { defaultSettings, reviveSettings, toConfig, validateSettings, MAX_HIDDEN_LAYERS } from '../../src/ui/app/store/settings.ts';

const random = new Random(20261125);
const keys = Object.keys(defaultSettings());
const nasty: unknown[] = [
  null, undefined, 0, -0, 1, -1, 1e309, -1e309, NaN, 0.5, 2 ** 53, -(2 ** 31), true, false, '', ' ', '0', '-0', '1e309', 'NaN',
  'Infinity', '-Infinity', '0x10', '1e-320', '  7  ', '3.5', '-3', '4294967296', '9'.repeat(400), 'x'.repeat(100_000),
  '<img src=x onerror=alert(1)>', '__proto__', 'constructor', 'sgd', 'adam', 'rmsprop', 'mnist', 'blobs', 'fashion-mnist',
  'relu', 'sigmoid', 'all', '100', [], ['256'], ['256', '128'], Array(50).fill('8'), [1, 2], [null], {}, { length: 3 },
  new Uint8Array(4), Object.create(null), () => 0, Symbol('s'), 10n,
];

function anyValue(depth = 0): unknown {
  const pick = random.below(10);
  if (pick < 6 || depth > 2) return nasty[random.below(nasty.length)];
  if (pick < 8) return Array.from({ length: random.below(8) }, () => anyValue(depth + 1));
  return randomObject(depth + 1);
}

function randomObject(depth = 0): Record<string, unknown> {
  const object: Record<string, unknown> = random.next() < 0.5 ? { ...defaultSettings() } : {};
  const count = random.below(keys.length + 3);
  for (let i = 0; i < count; i++) {
    const key = random.next() < 0.9 ? keys[random.below(keys.length)]! : `extra${i}`;
    object[key] = anyValue(depth);
  }
  return object;
}

describe('settings revived from storage', () => {
  it('never throw, keep their shape, and only valid settings become a config', () => {
    let revived = 0;
    let configs = 0;
    const inputs: unknown[] = [...nasty, JSON.parse('{"__proto__": {"lr": "5"}}')];
    for (let i = 0; i < 2000; i++) inputs.push(randomObject());
    for (const value of inputs) {
      const settings = reviveSettings(value);
      if (settings === null) continue;
      revived++;
      for (const key of ['lr', 'momentum', 'batchSize', 'epochs', 'seed', 'dropout'] as const) {
        expect(typeof settings[key]).toBe('string');
      }
      expect(Array.isArray(settings.hidden)).toBe(true);
      expect(settings.hidden.length).toBeLessThanOrEqual(MAX_HIDDEN_LAYERS);
      expect(['mnist', 'fashion-mnist', 'blobs']).toContain(settings.dataset);
      expect(['sgd', 'adam', 'rmsprop']).toContain(settings.optimizer);
      const errors = validateSettings(settings);
      for (const message of Object.values(errors)) expect(message).not.toMatch(/\n/);
      const config = toConfig(settings);
      if (Object.keys(errors).length > 0) {
        expect(config).toBeNull();
        continue;
      }
      expect(config).not.toBeNull();
      expect(() => checkConfig(config!)).not.toThrow();
      configs++;
    }
    // The fuzz reaches both outcomes, so neither branch goes untested.
    expect(revived).toBeGreaterThan(1500);
    expect(configs).toBeGreaterThan(40);
  });
});
