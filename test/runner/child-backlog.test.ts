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

// The embedded engine's channel (fd 3) is a duplex the runner also writes to (a checkpoint's answer), read as an
// async iterator that stops pulling while the warehouse catches up. The connector may raise and exit meanwhile, its
// last records still in the pipe: no process holds the pipe, and the run must read them, not call the tree escaped
// (283: the run ended "killed from inside" at 3,082 of 4,210 upserts).
describe("a child's channel still unread when it exits", () => {
  it("is read to the end after the escape grace, and the tree is not taken for escaped", async () => {
    const bytes = 400_000; // what the socket and the stream buffer hold of it stays unread when the child exits
    const child = startChild({
      file: "python3",
      args: ["-c", `import os\nfor _ in range(${bytes / 10_000}): os.write(3, b"x" * 10_000)`],
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
      io: { stdio: ["ignore", "pipe", "pipe", "pipe"], buffer: false },
      containWith: "python3",
    });
    const channel = (child.sub.stdio as unknown as NodeJS.ReadableStream[])[3];
    const exited = new Promise<void>((resolve) => (child.sub as unknown as NodeJS.EventEmitter).once("exit", () => resolve()));
    let read = 0;
    let waited = false;
    for await (const chunk of channel as AsyncIterable<Buffer>) {
      read += chunk.length;
      if (!waited && read >= bytes - 60_000) {
        // The warehouse is behind: nothing is pulled until the child has exited and the grace has passed.
        waited = true;
        await exited;
        await new Promise((r) => setTimeout(r, 1_500));
      }
    }
    await child.sub;
    child.dispose();
    expect(waited).toBe(true);
    expect(child.escaped).toBe(false);
    expect(read).toBe(bytes);
  }, 30_000);
});
