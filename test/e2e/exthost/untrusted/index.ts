// The extensionTestsPath module of the Restricted Mode run: the same mocha runner, over the
// *.test.js files bundled beside this one.
export { run } from '../suite/index';
