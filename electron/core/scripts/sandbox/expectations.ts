import * as chai from 'chai';

/**
 * A guard against tests that cannot fail. `expect(x).to.be.ture` (misspelt) reads a property
 * that does not exist and asserts nothing, so the test passes. chai's own guard wraps every
 * assertion in a Proxy, which measured ~6 µs of the ~8 µs an `expect(a).to.equal(b)` costs: too
 * much for a hook that runs on each of 100,000 messages. Instead each expect() of a test carries a
 * marker that its chain's assertion sets; an expect() whose chain never asserted fails its test.
 */
const FLAG = 'loupe.expectation';
interface Expectation {
  asserted: boolean;
}

let collecting: Expectation[] | undefined;

chai.config.useProxy = false;
const prototype = chai.Assertion.prototype as { assert: (...args: unknown[]) => void };
// Read off the prototype as a plain function: it is only ever called with the assertion as `this`.
const originalAssert: (this: object, ...args: unknown[]) => void = Reflect.get(prototype, 'assert');
prototype.assert = function (this: object, ...args: unknown[]) {
  const expectation = chai.util.flag(this, FLAG) as Expectation | undefined;
  if (expectation) expectation.asserted = true;
  originalAssert.apply(this, args);
};

/** chai's expect, marking each expectation made while a test collects them. */
export const expect = Object.assign((value: unknown, message?: string) => {
  const assertion = chai.expect(value, message);
  if (collecting) {
    const expectation: Expectation = { asserted: false };
    chai.util.flag(assertion, FLAG, expectation);
    collecting.push(expectation);
  }
  return assertion;
}, chai.expect) as typeof chai.expect;

export const assert = chai.assert;

/**
 * Runs a test's function collecting its expectations (those made before its first await);
 * `unasserted()` then says how many of them asserted nothing.
 */
export function withExpectations<T>(fn: () => T): { value: T; unasserted: () => number } {
  const outer = collecting;
  const mine: Expectation[] = [];
  collecting = mine;
  try {
    return { value: fn(), unasserted: () => mine.filter((e) => !e.asserted).length };
  } finally {
    collecting = outer;
  }
}

export const NOTHING_ASSERTED =
  'an expect(...) in this test asserted nothing: check the spelling of its chain (for example .to.be.true, not .to.be.ture)';
