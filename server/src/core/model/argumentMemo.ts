// dockerfile-ast tokenizes an instruction's arguments again on every getArguments() call, and its
// own constructors and getFlags() call it a dozen times per instruction: a RUN continued over
// 100,000 lines took 1.7 s to parse, mostly garbage collection of the copies. Inside `onceEach`,
// each instruction's arguments are tokenized once; callers get a copy of the list, since
// dockerfile-ast shifts flags off it. dockerfile-language-service also changes the ranges it
// reads (its links moved onto the image name), so its calls get new Argument objects, as a fresh
// tokenization would give: still twice as fast (on the 512-line buildkit.Dockerfile hover 4.1 ->
// 2.0 ms, completion 3.6 -> 1.9, formatting 4.2 -> 2.2). Outside `onceEach`, dockerfile-ast
// behaves as shipped.
import { Argument, Instruction } from 'dockerfile-ast';

type WithRawArguments = { getRawArguments(): Argument[] };

const proto = Instruction.prototype as unknown as WithRawArguments;
const tokenize = proto.getRawArguments;
let memo: WeakMap<object, Argument[]> | undefined;
let fresh = false;

proto.getRawArguments = function (this: WithRawArguments): Argument[] {
  if (!memo) return tokenize.call(this);
  let args = memo.get(this);
  if (!args) memo.set(this, (args = tokenize.call(this)));
  return fresh ? args.map(copyArgument) : args.slice();
};

function copyArgument(a: Argument): Argument {
  const { start, end } = a.getRange();
  return new Argument(a.getValue(), { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } });
}

/**
 * Runs `parse` with each instruction's arguments tokenized at most once; with `freshArguments`,
 * every call still gets Argument objects of its own (for code that changes what it reads).
 */
export function onceEach<T>(parse: () => T, options: { freshArguments?: boolean } = {}): T {
  if (memo) return parse();
  memo = new WeakMap();
  fresh = options.freshArguments === true;
  try {
    return parse();
  } finally {
    memo = undefined;
    fresh = false;
  }
}
