// Class names arrive from the worker as the datasets name them (English for
// Fashion-MNIST, digits for MNIST); the page shows them in its language.

import type { Translator } from './translator.ts';

const fashionKeys = {
  'T-shirt/top': 'fashion.0',
  Trouser: 'fashion.1',
  Pullover: 'fashion.2',
  Dress: 'fashion.3',
  Coat: 'fashion.4',
  Sandal: 'fashion.5',
  Shirt: 'fashion.6',
  Sneaker: 'fashion.7',
  Bag: 'fashion.8',
  'Ankle boot': 'fashion.9',
} as const;

/** Each name in `tr`'s language; names the catalogues do not hold (digits, 0 and 1) stay as they are. */
export function translateClassNames(names: readonly string[], tr: Translator): string[] {
  return names.map((name) => (name in fashionKeys ? tr.t(fashionKeys[name as keyof typeof fashionKeys]) : name));
}
