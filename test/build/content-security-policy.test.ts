// The production page's Content-Security-Policy, as the build writes it into
// index.html and `vite preview` sends it: scripts, workers and connections
// from the page's own origin only.

import { describe, expect, it } from 'vitest';
import config from '../../vite.config.ts';

type HtmlTag = { tag: string; attrs: Record<string, string> };

function builtPolicy(): string {
  const plugins = (config.plugins ?? []).flat() as { name?: string; apply?: string; transformIndexHtml?: () => HtmlTag[] }[];
  const plugin = plugins.find((p) => p?.name === 'content-security-policy-meta');
  if (!plugin?.transformIndexHtml) throw new Error('the build has no Content-Security-Policy plugin');
  expect(plugin.apply).toBe('build');
  const meta = plugin.transformIndexHtml().find((t) => t.attrs['http-equiv'] === 'Content-Security-Policy');
  return meta!.attrs.content!;
}

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('the production Content-Security-Policy', () => {
  for (const [source, policy] of [
    ['built page', builtPolicy()],
    ['preview header', String(config.preview?.headers?.['Content-Security-Policy'])],
  ] as const) {
    it(`forbids remote scripts, workers and connections (${source})`, () => {
      const d = directives(policy);
      for (const name of ['default-src', 'script-src', 'worker-src', 'connect-src']) expect(d.get(name)).toEqual(["'self'"]);
      expect(d.get('object-src')).toEqual(["'none'"]);
      expect(policy).not.toMatch(/https?:|\*|'unsafe-eval'/);
    });
  }
});
