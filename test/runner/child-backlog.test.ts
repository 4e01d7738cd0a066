import { describe, expect, it } from "vitest";
import { startChild } from "../../src/exec/child.js";

// The server's main thread can be busy for longer than the escape grace when a run ends (many rows to write, a loaded
// machine): output the child wrote before it exited is still in the pipe, and no process holds the pipe any more.
describe("a child's output still in the pipe when it exits", () => {
  it("is read to the end after the escape grace, not cut off", async () => {
    const bytes = 100_000; // more than the stream buffers, less than that plus the 64 KiB pipe: the child can exit unread
    const child = startChild({
      file: "python3",
      args: ["-c", `import sys; sys.stdout.write("x" * ${bytes}); sys.stdout.flush()`],
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
      io: { stdio: ["ignore", "pipe", "pipe"], buffer: false },
      containWith: "python3",
    });
    const out = child.sub.stdout!;
    let read = 0;
    const closed = new Promise<void>((resolve) => out.once("close", () => resolve()));
    // The reader applies what it read before it reads more (backpressure): the stream is paused, part of the output
    // waits in the kernel's pipe, and the child has written its last byte and exited meanwhile.
    out.pause();
    out.on("data", (c: Buffer) => (read += c.length));
    out.pause();
    await new Promise<void>((resolve) => (child.sub as unknown as NodeJS.EventEmitter).once("exit", () => resolve()));
    await new Promise((r) => setTimeout(r, 1_500));
    out.resume();
    await closed;
    await child.sub;
    child.dispose();
    expect(read).toBe(bytes);
    expect(child.escaped).toBe(false);
  }, 30_000);
});
