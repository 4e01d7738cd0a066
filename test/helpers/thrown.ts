import { expect } from "vitest";

/** The error `fn` throws, checked to be an instance of `kind`; a test fails when `fn` throws nothing. */
export function thrown<E extends Error>(fn: () => unknown, kind: abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(kind);
    return e as E;
  }
  throw new Error(`expected a ${kind.name}`);
}
