// The setup in the address: every preset survives the trip through a link,
// a hand-written link fills what it names, and each refused value is named
// in a notice (in both languages) while the others still apply.
import { describe, expect, it } from 'vitest';
import { presets } from '../../src/train/presets.ts';
import { defaultSettings, settingsForDataset, settingsFromPreset, validateSettings } from '../../src/ui/app/store/settings.ts';
import { addressWithSetup, SETUP_PARAMS, setupFromParams, setupToParams } from '../../src/ui/app/url-state.ts';

describe('the setup in the address', () => {
  it('brings every preset back from its link, with nothing refused', () => {
    for (const preset of presets) {
      const settings = { ...settingsFromPreset(preset.name), seed: '7', trainLimit: preset.config.dataset === 'blobs' ? 'all' : '1000' };
      const linked = setupFromParams(setupToParams(settings, 'ko').toString());
      expect(linked.notices, preset.name).toEqual([]);
      expect(linked.settings, preset.name).toEqual(settings);
    }
  });

  it('writes every field once, in the form’s order, lists joined by "-"', () => {
    const query = setupToParams(settingsFromPreset('mnist-cnn'), 'en').toString();
    expect(query).toContain('dataset=mnist&opt=adam');
    expect(query).toMatch(/conv=32x3p1m-64x3p1m/);
    expect(setupToParams(defaultSettings()).get('hidden')).toBe('256-256');
    expect(query.endsWith('&lang=en')).toBe(true);
    for (const param of SETUP_PARAMS) expect(new URLSearchParams(query).getAll(param)).toHaveLength(1);
    // An empty list is a model without hidden layers, not a missing field.
    const linear = setupFromParams(setupToParams(settingsFromPreset('mnist-linear-sgd')).toString());
    expect(linear.settings!.hidden).toEqual([]);
  });

  it('says nothing of an address without setup fields (the kept settings then apply)', () => {
    expect(setupFromParams('')).toEqual({ settings: null, notices: [] });
    expect(setupFromParams('?lang=ko&lesson=linear&step=2&debug')).toEqual({ settings: null, notices: [] });
  });

  it('starts a partial link from its dataset’s default preset', () => {
    const linked = setupFromParams('?dataset=blobs&lr=0.5');
    expect(linked.notices).toEqual([]);
    expect(linked.settings).toEqual({ ...settingsForDataset('blobs', defaultSettings()), lr: '0.5' });
  });

  it('refuses a hostile link field by field, naming the field and the value in both languages', () => {
    const linked = setupFromParams('?lr=abc&batch=-5&dataset=%3Cscript%3E&epochs=2');
    expect(linked.settings).toEqual({ ...defaultSettings(), epochs: '2' });
    expect(linked.notices.map((n) => [n.param, n.field, n.value])).toEqual([
      ['dataset', 'setup.dataset', '<script>'],
      ['lr', 'setup.lr', 'abc'],
      ['batch', 'setup.batchSize', '-5'],
    ]);
    const [dataset, lr, batch] = linked.notices;
    expect(dataset!.reason.en).toBe('The choices are mnist, fashion-mnist, blobs.');
    expect(lr!.reason.en).toBe('Learning rate must be a positive finite number, got abc');
    expect(lr!.reason.ko).toBe('학습률은 0보다 큰 유한한 수여야 합니다. 입력값: abc');
    expect(batch!.reason.ko).toContain('배치 크기');
  });

  it('checks lists and blocks with the form’s rules', () => {
    const bad = setupFromParams('?hidden=256-0&conv=32x30p0m&act=tanh&flip=yes&train=5&opt=__proto__&momentum=1');
    expect(bad.settings).toEqual(defaultSettings());
    expect(bad.notices.map((n) => n.param)).toEqual(['opt', 'hidden', 'act', 'flip', 'conv', 'momentum', 'train']);
    expect(bad.notices.find((n) => n.param === 'hidden')!.reason.en).toBe('Units must be a whole number from 1 to 4096, got 0');
    expect(bad.notices.find((n) => n.param === 'conv')!.reason.en).toMatch(/^The kernel size must be a whole number from 1 to 11, got 30/);
    const good = setupFromParams('?hidden=&conv=8x5p2-16x3p0m&act=sigmoid&flip=1&train=100&opt=sgd&momentum=0.9');
    expect(good.notices).toEqual([]);
    expect(good.settings).toMatchObject({ hidden: [], activation: 'sigmoid', flip: true, trainLimit: '100', optimizer: 'sgd', momentum: '0.9' });
    expect(good.settings!.conv).toEqual([
      { channels: '8', kernel: '5', padding: '2', pool: false },
      { channels: '16', kernel: '3', padding: '0', pool: true },
    ]);
    expect(validateSettings(good.settings!)).toEqual({});
  });

  it('carries the learning-rate schedule, checked as the form checks it', () => {
    const step = setupFromParams('?schedule=step_5_0.5');
    expect(step.notices).toEqual([]);
    expect(step.settings!.lrSchedule).toMatchObject({ type: 'step', stepSize: '5', gamma: '0.5' });
    expect(setupToParams(step.settings!).get('schedule')).toBe('step_5_0.5');
    const cosine = setupFromParams('?lr=0.01&schedule=cosine_10_1e-5');
    expect(cosine.settings!.lrSchedule).toMatchObject({ type: 'cosine', tMax: '10', etaMin: '1e-5' });
    expect(setupFromParams(setupToParams(cosine.settings!).toString()).settings).toEqual(cosine.settings);
    // eta_min must stay below the learning rate; a malformed value names the format.
    const bad = setupFromParams('?lr=0.001&schedule=cosine_10_0.5');
    expect(bad.settings!.lrSchedule!.type).toBe('none');
    expect(bad.notices[0]!.reason.en).toBe('The lowest rate must be at least 0 and below the learning rate, got 0.5');
    expect(setupFromParams('?schedule=step_5').notices[0]!.reason.en).toMatch(/^Write none, step_5_0.5/);
    expect(setupFromParams('?schedule=__proto__').notices).toHaveLength(1);
  });

  it('cuts a long value in its notice', () => {
    const linked = setupFromParams(`?seed=${'9'.repeat(5000)}`);
    expect(linked.notices).toHaveLength(1);
    expect(linked.notices[0]!.value).toBe(`${'9'.repeat(40)}…`);
    expect(linked.notices[0]!.reason.en).toBe('The value is longer than any this field takes.');
  });

  it('rewrites the address keeping the parameters it does not own and the fragment', () => {
    const settings = settingsFromPreset('blobs-xor');
    const address = addressWithSetup('http://127.0.0.1:4321/?lesson=blobs&lr=9&step=2&tag=a&tag=b#train', settings, 'ko');
    const url = new URL(address);
    expect(url.hash).toBe('#train');
    expect(url.searchParams.get('lr')).toBe(settings.lr);
    expect(url.searchParams.get('lang')).toBe('ko');
    expect([url.searchParams.get('lesson'), url.searchParams.get('step')]).toEqual(['blobs', '2']);
    expect(url.searchParams.getAll('tag')).toEqual(['a', 'b']);
    expect(setupFromParams(url.search).settings).toEqual(settings);
  });
});
