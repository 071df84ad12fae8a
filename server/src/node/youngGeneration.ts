// Keeps V8's young generation at its initial size (1 MB per semi-space). By default it grows to
// 16 MB per semi-space while a large Dockerfile is parsed and never gives the pages back: 32 MB
// of the server's resident memory, empty, for the rest of the session. Measured on the
// 5,000-stage benchmark file: 151 MB -> 117 MB resident, keystroke latency within noise. Must run
// before the first large allocation, so server.ts imports this module first.
import { setFlagsFromString } from 'node:v8';

try {
  setFlagsFromString('--semi-space-growth-factor=1');
} catch {
  // A runtime without the flag keeps V8's default: more memory, same behaviour.
}
