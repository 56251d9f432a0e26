// The worker's English messages become catalogue messages: produced by the
// engine's own code where it can run here (out of memory, a bad safetensors
// file), and as the worker writes them otherwise (loop.ts, compare.ts,
// device.ts, pretrained.ts), so a change of wording there shows up here.
import { describe, expect, it } from 'vitest';
import { explainOutOfMemory } from '../../src/engine/nn.ts';
import { parseSafetensors } from '../../src/engine/safetensors.ts';
import { english, translatorFor } from '../../src/ui/app/i18n/translator.ts';
import {
  comparisonDivergenceStep,
  divergenceMessage,
  engineError,
  gpuErrorMessage,
  gpuRecoveredMessage,
  pretrainedMessage,
  problemMessage,
} from '../../src/ui/app/i18n/worker-text.ts';

const ko = translatorFor('ko');

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('worker messages in the page’s language', () => {
  it('a divergence keeps its step, factor and learning rate', () => {
    const exploded = divergenceMessage(
      'the loss exploded (over 1000× its first value) at step 12: training stopped and the last good weights were kept. Try a smaller learning rate (now 100000).',
    );
    expect(exploded.id).toBe('diverged.exploded');
    expect(english.msg(exploded)).toBe(
      'The loss exploded (over 1000× its first value) at step 12: training stopped and the last good weights were kept. Try a smaller learning rate (now 100000).',
    );
    expect(ko.msg(exploded)).toContain('12단계에서 손실이 폭발했습니다(처음 값의 1000배를 넘었습니다)');
    expect(ko.msg(exploded)).toContain('(지금은 100000)');
    expect(divergenceMessage('something else entirely').id).toBe('engine.text');
    expect(comparisonDivergenceStep('diverged at step 40 (the loss became infinite or NaN): try a smaller learning rate')).toBe('40');
  });

  it('running out of GPU memory names the layer, from the engine’s own explanation', () => {
    const layers = [{ type: 'linear' as const, in: 784, out: 4096 }, { type: 'relu' as const }, { type: 'linear' as const, in: 4096, out: 10 }];
    const training = engineError(explainOutOfMemory(layers, 1000, 4, 'Out of memory\nmore'));
    expect(training.id).toBe('engine.outOfMemory');
    expect(english.msg(training)).toMatch(/^The GPU ran out of memory setting up this model: it needs about [\d.]+ MiB, the most for layer 0 Linear\(784, 4096\) \([\d.]+ MiB\)\. Make that layer or the batch smaller/);
    expect(ko.msg(training)).toMatch(/GPU 메모리가 부족해졌습니다\. 약 [\d.]+ MiB가 필요하며, 그중 0번 층\(Linear\(784, 4096\)\)이 [\d.]+ MiB로 가장 많이 씁니다\. 그 층이나 배치를/);
    const loading = engineError(explainOutOfMemory(layers, 0, 1, 'Out of memory'));
    expect(english.msg(loading)).toContain('Use a smaller model, or close other pages');
    expect(ko.msg(loading)).toContain('더 작은 모델을 쓰거나');
  });

  it('a file that is no safetensors file says so, with the file’s name and the engine’s detail', () => {
    const problem = problemMessage(errorOf(() => parseSafetensors(new TextEncoder().encode('hello'), '<b>notes</b>.safetensors')));
    expect(problem.id).toBe('model.notSafetensors');
    expect(english.msg(problem)).toMatch(/^<b>notes<\/b>\.safetensors: 5 bytes is too short/);
    expect(ko.msg(problem)).toMatch(/^<b>notes<\/b>\.safetensors 파일은 safetensors 파일이 아니거나 손상되었습니다\. \(자세한 내용: 5 bytes is too short/);
    expect(problemMessage('There is no model to save yet: train one first.').id).toBe('model.nothingToSave');
  });

  it('the device’s and the pretrained model’s news', () => {
    expect(gpuErrorMessage('WebGPU is there, but the browser found no GPU adapter to use (the GPU may be blocklisted or disabled).').id).toBe('gpu.noAdapter');
    expect(ko.msg(gpuErrorMessage('The GPU device was lost (destroyed) and no new one could be opened: no adapter'))).toBe(
      'GPU 장치와의 연결이 끊어졌고(destroyed) 새 장치를 열지 못했습니다: no adapter',
    );
    expect(english.msg(gpuRecoveredMessage('The GPU device was lost (destroyed) and recovered.'))).toBe('The GPU device was lost (destroyed) and recovered.');
    expect(gpuRecoveredMessage('The GPU device was lost (destroyed) and recovered: your model is back as of its last checkpoint.').id).toBe('gpu.recoveredModel');
    expect(pretrainedMessage('The pretrained model could not be fetched (Failed to fetch).')).toEqual({ id: 'pretrained.fetchFailed', values: { detail: 'Failed to fetch' } });
    expect(ko.msg(pretrainedMessage('A pretrained MNIST model answers until you train your own.'))).toBe('직접 학습하기 전까지는 사전 학습된 MNIST 모델이 답합니다.');
  });
});
