// Addresses are typed, pasted, cut off and forged. Thousands of random and
// hostile query strings must each give usable settings (or none), never
// throw, refuse exactly the values they could not use, and any setup they
// give must pass the training config's own checks.

import { describe, expect, it } from 'vitest';
import { Random } from '../../src/engine/random.ts';
import { checkConfig } from '../../src/train/config.ts';
import { toConfig, validateSettings } from '../../src/ui/app/store/settings.ts';
import { SETUP_PARAMS, setupFromParams, setupToParams } from '../../src/ui/app/url-state.ts';

const random = new Random(20261202);
const params = [...SETUP_PARAMS, 'lang', 'lesson', 'step', '__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', ''];
const nasty = [
  '', ' ', '0', '-0', '1', '-1', '-5', '0.5', '1e309', '-1e309', '1e-320', 'NaN', 'Infinity', '-Infinity', '0x10', '  7  ', '3.5',
  '4294967295', '4294967296', '9'.repeat(400), 'x'.repeat(100_000), String(2 ** 53), String(Number.MAX_VALUE), '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>', '__proto__', 'constructor', 'toString', 'valueOf', 'sgd', 'adam', 'rmsprop', 'mnist', 'blobs',
  'fashion-mnist', 'relu', 'sigmoid', 'all', '100', '10000', 'true', 'false', '256-128', '256--128', '-', '--', '8-8-8-8-8-8-8',
  '32x3p1m', '32x3p1m-64x3p1m', '32x3p1m-64x3p1m-128x3p1m-256x3p1m-256x3p1m', '1x11p0m-1x11p0m', '256x1p11', 'x3p1', '32x3p1mm',
  '%', '%00', '\u0000', '\u202e', '😀', '한국어', '&', '=', '?', '#', '+', '1,2',
];

function randomText(): string {
  const pick = random.below(4);
  if (pick < 2) return nasty[random.below(nasty.length)]!;
  const length = random.below(pick === 2 ? 12 : 300);
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(random.below(pick === 2 ? 0x80 : 0x3000));
  return text;
}

function randomQuery(): string {
  if (random.below(10) === 0) return randomText();
  const query = new URLSearchParams();
  const count = random.below(params.length + 4);
  for (let i = 0; i < count; i++) query.append(random.below(10) < 9 ? params[random.below(params.length)]! : randomText(), randomText());
  return query.toString();
}

describe('setups read from an address', () => {
  it('never throw, give valid settings, and refuse only named values', () => {
    let linked = 0;
    let refused = 0;
    let configs = 0;
    for (let i = 0; i < 3000; i++) {
      const query = randomQuery();
      const result = setupFromParams(query);
      const search = new URLSearchParams(query);
      if (result.settings === null) {
        expect(result.notices).toEqual([]);
        expect(SETUP_PARAMS.some((p) => search.has(p))).toBe(false);
        continue;
      }
      linked++;
      // Whatever was taken is a setup the form accepts.
      expect(validateSettings(result.settings), query).toEqual({});
      const config = toConfig(result.settings);
      expect(config).not.toBeNull();
      expect(() => checkConfig(config!)).not.toThrow();
      configs++;
      for (const notice of result.notices) {
        refused++;
        expect(SETUP_PARAMS).toContain(notice.param);
        expect(notice.value.length).toBeLessThanOrEqual(41);
        expect(notice.reason.en.length).toBeGreaterThan(0);
        expect(notice.reason.ko.length).toBeGreaterThan(0);
        expect(notice.reason.en.length).toBeLessThan(300);
      }
      // At most one notice per parameter, and only for parameters the address has.
      const named = result.notices.map((n) => n.param);
      expect(new Set(named).size).toBe(named.length);
      for (const param of named) expect(search.has(param)).toBe(true);
      // What was taken goes back into an address that reads the same, with nothing refused.
      const again = setupFromParams(setupToParams(result.settings).toString());
      expect(again.notices).toEqual([]);
      expect(again.settings).toEqual(result.settings);
    }
    // The fuzz reaches every outcome, so no branch goes untested.
    expect(linked).toBeGreaterThan(2000);
    expect(refused).toBeGreaterThan(2000);
    expect(configs).toBe(linked);
  });

  it('leaves the prototypes alone', () => {
    setupFromParams('?__proto__=polluted&constructor=x&dataset=__proto__&opt=constructor&act=__proto__&train=toString');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString.call({})).toBe('[object Object]');
  });
});
