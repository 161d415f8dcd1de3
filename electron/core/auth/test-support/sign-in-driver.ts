/**
 * A user at the issuer's development login and consent pages, in plain HTTP: follows redirects
 * with a cookie jar and submits each page's form (any login and password sign in) until a
 * redirect leaves the issuer, e.g. for the loopback callback, or the issuer says it is done.
 * Bounded: at most MAX_STEPS requests.
 */
const MAX_STEPS = 20;

export async function signInAsUser(startUrl: string): Promise<string> {
  const jar = new Map<string, string>();
  const origin = new URL(startUrl).origin;
  let next: { url: string; init?: RequestInit } = { url: startUrl };
  for (let step = 0; step < MAX_STEPS; step++) {
    const url = new URL(next.url, origin);
    if (url.origin !== origin) {
      // Leaving the issuer: this is the browser reaching the redirect target.
      const res = await fetch(url, { redirect: 'manual' });
      await res.arrayBuffer();
      return url.href;
    }
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      ...next.init,
      redirect: 'manual',
      headers: { ...(next.init?.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      next = { url: new URL(location, url).href };
      await res.arrayBuffer();
      continue;
    }
    const html = await res.text();
    const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
    if (!form) return url.href; // a page without a form: the issuer's "done" page
    const fields = new URLSearchParams();
    for (const input of form[2]!.matchAll(/<input[^>]*>/gi)) {
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      if (!name) continue;
      const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
      fields.set(name, name === 'login' ? 'ada' : name === 'password' ? 'secret' : value);
    }
    next = {
      url: new URL(form[1]!.replace(/&amp;/g, '&'), url).href,
      init: {
        method: 'POST',
        body: fields.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
    };
  }
  throw new Error(`the sign-in did not finish within ${MAX_STEPS} steps`);
}
