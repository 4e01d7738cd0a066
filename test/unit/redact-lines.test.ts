import { describe, expect, it } from "vitest";
import { RunTracker } from "../../src/runner/context.js";
import { Redactor } from "../../src/workspace/redact.js";

const KEY = "Zq7xK9mP2vL4nR";
const PW = "correct horse battery staple 7";
const r = new Redactor({ api_key: KEY, password: PW, short_token: "Ab1-x9q", region: "eu-west-1" });

describe("secrets that line breaks cut", () => {
  it("masks both halves of a key on two lines, and leaves the rest of each line", () => {
    expect(r.maskAcrossLines([`key starts ${KEY.slice(0, 3)}`, `${KEY.slice(3)} and ends`])).toEqual(["key starts ****", "**** and ends"]);
  });

  it("masks a key one character per line, within a longer text", () => {
    const text = ["begin", ...KEY, "end"].join("\n");
    expect(r.redact(text)).toBe(["begin", ...Array.from(KEY, () => "****"), "end"].join("\n"));
  });

  it("masks pprint's quoted pieces and a + continuation", () => {
    expect(r.redact(`{'password': 'correct horse '\n              'battery staple 7'}`)).not.toMatch(/horse|battery/);
    expect(r.redact(`x = "correct horse " +\n    "battery staple 7"`)).not.toMatch(/horse|battery/);
  });

  it("leaves pieces alone when the whole secret is not there, and a secret under 8 characters split", () => {
    const text = "a correct horse\nbattery staple, ordinary words\nAb1\n-x9q\neu-west-1";
    expect(r.redact(text)).toBe(text);
  });

  it("says whether lines end with the start of a secret (what a stream holds back)", () => {
    expect(r.startsSecret([`token ${KEY.slice(0, 4)}`])).toBe(true);
    expect(r.startsSecret(["Z", "q", "7"])).toBe(true);
    expect(r.startsSecret(["fetched page 3 of the items from the API endpoint in 12 ms"])).toBe(false);
    // A whole key followed by other text leaves nothing to complete.
    expect(r.startsSecret([`${KEY} done`])).toBe(false);
  });

  it("holds a stream's line while the next may complete a secret, and passes on both masked", () => {
    const sent: string[] = [];
    const t = new RunTracker(r, { onLog: (_l, m) => sent.push(m) });
    t.log("INFO", "stdout", "fetched page 1 of the items from the API endpoint in 12 ms");
    expect(sent).toHaveLength(1);
    t.log("INFO", "stdout", `key ${KEY.slice(0, 6)}`);
    expect(sent).toHaveLength(1);
    t.log("INFO", "stderr", "another stream is not joined");
    t.log("INFO", "stdout", `${KEY.slice(6)} done`);
    const tail = t.logTail();
    expect(sent.join("\n")).not.toContain(KEY.slice(0, 6));
    expect(sent.join("\n")).not.toContain(KEY.slice(6));
    expect(sent).toContain("stdout: key ****");
    expect(tail).toContain("INFO     stdout **** done");
    expect(sent).toHaveLength(4);
  });
});
