// Class names arrive from the worker as the datasets name them (English for
// Fashion-MNIST, digits for MNIST); the page shows them in its language. The
// catalogues hold a dataset's class `index` as `class.<dataset>.<index>`.

import type { DatasetName } from '../../../train/config.ts';
import { en } from './en.ts';
import type { Translator } from './translator.ts';

type ClassNameKey = Extract<keyof typeof en, `class.${string}`>;
const isClassNameKey = (key: string): key is ClassNameKey => Object.hasOwn(en, key);

/** Each class name in `tr`'s language; classes the catalogues do not hold (digits, 0 and 1) keep the dataset's own name. */
export function translateClassNames(dataset: DatasetName, names: readonly string[], tr: Translator): string[] {
  const t = (key: string) => (isClassNameKey(key) ? tr.t(key) : null);
  return names.map((name, index) => t(`class.${dataset}.${index}`) ?? name);
}
