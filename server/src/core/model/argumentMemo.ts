// dockerfile-ast tokenizes an instruction's arguments again on every getArguments() call, and its
// own constructors and getFlags() call it a dozen times per instruction: a RUN continued over
// 100,000 lines took 1.7 s to parse, mostly garbage collection of the copies. While our parser
// runs (`onceEach`), each instruction's arguments are tokenized once; callers get a copy of the
// list, since dockerfile-ast shifts flags off it. Outside it, dockerfile-ast behaves as shipped
// (dockerfile-language-service uses it too).
import { Instruction } from 'dockerfile-ast';

type WithRawArguments = { getRawArguments(): unknown[] };

const proto = Instruction.prototype as unknown as WithRawArguments;
const tokenize = proto.getRawArguments;
let memo: WeakMap<object, unknown[]> | undefined;

proto.getRawArguments = function (this: WithRawArguments): unknown[] {
  if (!memo) return tokenize.call(this);
  let args = memo.get(this);
  if (!args) memo.set(this, (args = tokenize.call(this)));
  return args.slice();
};

/** Runs `parse` with each instruction's arguments tokenized at most once. */
export function onceEach<T>(parse: () => T): T {
  if (memo) return parse();
  memo = new WeakMap();
  try {
    return parse();
  } finally {
    memo = undefined;
  }
}
