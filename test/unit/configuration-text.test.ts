// configuration.json's and files/state.json's bytes as the harness gets them: UTF-8 as it is (a byte order mark kept, as Python reads it),
// anything else byte by byte as Python's surrogateescape, so the harness refuses it with Python's own error.
import { describe, expect, it } from "vitest";
import { pythonText } from "../../src/workspace/project.js";

describe("pythonText", () => {
  it("keeps UTF-8 text as it is, a byte order mark included", () => {
    expect(pythonText(Buffer.from('{"city": "Montréal"}', "utf8"))).toBe('{"city": "Montréal"}');
    expect(pythonText(Buffer.from('\ufeff{"a": "1"}', "utf8"))).toBe('\ufeff{"a": "1"}');
  });

  it("sends bytes that are not UTF-8 one by one, each from 0x80 as U+DC80–U+DCFF", () => {
    expect(pythonText(Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]))).toBe('{"\udce9"}');
    expect(pythonText(Buffer.from([0xff, 0xfe, 0x7b, 0x00]))).toBe("\udcff\udcfe{\u0000");
    // A valid sequence elsewhere in such a file goes byte by byte too: Python gets the same bytes back.
    expect(pythonText(Buffer.from([0xc3, 0xa9, 0xe9]))).toBe("\udcc3\udca9\udce9");
  });
});
