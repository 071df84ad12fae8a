// The stdio transport (`--stdio`) set up here rather than by vscode-languageserver, so that
// messages come in through the frame reader and go out through the batched writer; it does what the
// library does for --stdio: console output goes to the client's log (stdout belongs to the
// protocol) and the server exits when stdin ends.
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { BatchedMessageWriter } from './batchedWriter';
import { FrameReader } from './frameReader';

/** Reader and writer for stdio, when the command line asks for it (the first transport flag wins, as in the library). */
export function stdioTransport(argv = process.argv.slice(2)): [FrameReader, BatchedMessageWriter] | undefined {
  const transport = argv.find((a) => /^--(stdio|node-ipc|socket|pipe)(=|$)/.test(a));
  if (transport !== '--stdio') return undefined;
  return [new FrameReader(process.stdin), new BatchedMessageWriter(process.stdout)];
}

/** Console output to the client's log; exit when the client closes stdin (code 0 after a shutdown request). */
export function attachStdio(log: { info(m: string): void; error(m: string): void }, shutdownReceived: () => boolean): void {
  const sink = (send: (m: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        send(String(chunk).replace(/\n$/, ''));
        done();
      },
    });
  const routed = new Console({ stdout: sink((m) => log.info(m)), stderr: sink((m) => log.error(m)) }) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(routed)) if (typeof value === 'function') (console as unknown as Record<string, unknown>)[key] = value;
  const exit = () => process.exit(shutdownReceived() ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
}
