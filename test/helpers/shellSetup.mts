// Loaded before every unit test file (test/run-unit.mjs passes it with --import): the core reads
// RUN scripts with tree-sitter-bash, whose WebAssembly the node layer loads once, asynchronously.
// To run one test file by hand: node --import tsx --import ./test/helpers/shellSetup.mts --test <file>
import { loadShellParser } from '../../server/src/node/shellParser';

await loadShellParser();
