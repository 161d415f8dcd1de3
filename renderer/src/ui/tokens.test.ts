import { describe, expect, it } from 'vitest';
import { contrastRatio, themeColours } from './contrast';
import css from './tokens.css?raw';

/** A colour the theme must define: a pair naming a missing token fails, not passes. */
function colour(colours: Record<string, string>, name: string): string {
  const value = colours[name];
  if (!value) throw new Error(`tokens.css defines no #rrggbb ${name}`);
  return value;
}

/** Text (4.5:1) and non-text (3:1) pairs the components draw; [foreground, background]. */
const TEXT_PAIRS: Array<[string, string]> = [
  ['--fg', '--bg'],
  ['--fg', '--bg-soft'],
  ['--fg', '--bg-hover'],
  ['--fg', '--bg-active'],
  ['--fg', '--accent-soft'],
  ['--fg-soft', '--bg'],
  ['--fg-soft', '--bg-soft'],
  ['--fg-soft', '--bg-hover'],
  ['--accent-fg', '--accent'],
  ['--accent-text', '--bg'],
  ['--accent-text', '--bg-soft'],
  ['--accent-text', '--accent-soft'],
  ['--ok', '--bg'],
  ['--ok', '--ok-soft'],
  ['--err', '--bg'],
  ['--err', '--err-soft'],
  ['--warn', '--bg'],
  ['--warn', '--warn-soft'],
  ['--info', '--info-soft'],
  ['--kind-unary', '--kind-unary-soft'],
  ['--kind-server', '--kind-server-soft'],
  ['--kind-client', '--kind-client-soft'],
  ['--kind-bidi', '--kind-bidi-soft'],
  ['--ok', '--bg-soft'],
  ['--err', '--bg-soft'],
];
const NON_TEXT_PAIRS: Array<[string, string]> = [
  ['--focus-ring-color', '--bg'],
  ['--focus-ring-color', '--bg-soft'],
  ['--border-strong', '--bg'],
];

describe('design tokens', () => {
  for (const theme of ['light', 'dark'] as const) {
    const colours = themeColours(css, theme);
    for (const [fg, bg] of TEXT_PAIRS)
      it(`${theme}: ${fg} on ${bg} reads at WCAG AA (4.5:1)`, () => {
        expect(contrastRatio(colour(colours, fg), colour(colours, bg))).toBeGreaterThanOrEqual(4.5);
      });
    for (const [fg, bg] of NON_TEXT_PAIRS)
      it(`${theme}: ${fg} on ${bg} stands out (3:1)`, () => {
        expect(contrastRatio(colour(colours, fg), colour(colours, bg))).toBeGreaterThanOrEqual(3);
      });
  }

  it('the dark theme overrides every colour the light one sets', () => {
    const light = Object.keys(themeColours(css, 'light'));
    const darkOnly = Object.keys(themeColours(css, 'dark', { darkOnly: true }));
    expect(light.filter((name) => !darkOnly.includes(name))).toEqual([]);
  });

  it('a colour that does not read is caught', () => {
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });
});
