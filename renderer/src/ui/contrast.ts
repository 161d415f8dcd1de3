/**
 * WCAG 2 contrast between two colours, and the hex colours a theme of tokens.css defines: what
 * ui/tokens.test.ts uses to hold every text colour of both themes at AA.
 */

function channel(hex: string): number {
  const c = parseInt(hex, 16) / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function luminance(colour: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!m) throw new Error(`Not a #rrggbb colour: ${colour}`);
  const [, r = '', g = '', b = ''] = m;
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(foreground: string, background: string): number {
  const lighter = Math.max(luminance(foreground), luminance(background));
  const darker = Math.min(luminance(foreground), luminance(background));
  return (lighter + 0.05) / (darker + 0.05);
}

const HEX_DECLARATION = /(--[\w-]+):\s*(#[0-9a-f]{6})\s*;/gi;

function declarations(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [, name, value] of block.matchAll(HEX_DECLARATION)) if (name && value) out[name] = value;
  return out;
}

/**
 * The #rrggbb custom properties of a theme: light is the first `:root` block; dark is light with
 * the `prefers-color-scheme: dark` block over it (or that block alone, with darkOnly).
 */
export function themeColours(
  css: string,
  theme: 'light' | 'dark',
  { darkOnly = false }: { darkOnly?: boolean } = {},
): Record<string, string> {
  const darkAt = css.indexOf('@media (prefers-color-scheme: dark)');
  if (darkAt < 0) throw new Error('tokens.css has no dark theme block');
  const light = declarations(css.slice(0, darkAt));
  if (theme === 'light') return light;
  const dark = declarations(css.slice(darkAt, css.indexOf('\n}\n', darkAt)));
  return darkOnly ? dark : { ...light, ...dark };
}
