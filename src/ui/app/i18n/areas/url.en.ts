// The shared link: "Copy link" and the notices for values of an address that were not used (src/ui/app/url-state.ts).
export const urlEn = {
  'url.copy': 'Copy link',
  'url.copyTip': 'Copy a link that opens this page with the same setup and language',
  'url.copied': 'Link copied: opening it shows this setup.',
  'url.copyRefused': 'The browser did not let the page copy. The link below is selected: press Ctrl+C (⌘C on a Mac) to copy it.',
  'url.linkField': 'Link to this setup',
  'url.notices': 'Values from the link that were not used',
  'url.ignored': '{field}: the link’s value “{value}” was not used, so the form shows the default.',
  'url.dismiss': 'Dismiss',
  'url.reason.choice': 'The choices are {choices}.',
  'url.reason.flag': 'The value must be 1 (on) or 0 (off).',
  'url.reason.hidden': 'Write each hidden layer’s units joined by “-” (for example 256-128), at most {max} layers.',
  'url.reason.conv':
    'Write each block like 32x3p1m: 32 channels, a 3×3 kernel, padding 1, and m at the end for 2×2 max pooling; blocks are joined by “-”, at most {max}.',
  'url.reason.schedule': 'Write none, step_5_0.5 for StepLR (step size 5, gamma 0.5) or cosine_10_0 for CosineAnnealingLR (T_max 10, eta_min 0).',
  'url.reason.long': 'The value is longer than any this field takes.',
} as const;
