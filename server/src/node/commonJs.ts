// Loads a CommonJS file as require() does, without any allocation over 64 KB (see launcher.ts for why).
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import { compileFunction } from 'node:vm';

const PIECE = 64 * 1024;

/** A UTF-8 file's text, read and decoded a piece at a time. */
export function readTextInPieces(file: string): string {
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(PIECE);
  const decoder = new StringDecoder('utf8');
  const parts: string[] = [];
  try {
    for (let n; (n = readSync(fd, buffer, 0, PIECE, null)) > 0; ) parts.push(decoder.write(buffer.subarray(0, n)));
  } finally {
    closeSync(fd);
  }
  parts.push(decoder.end());
  return parts.join('');
}

/** Runs a CommonJS file as require() would (its own require, module, __filename and __dirname). */
export function runCommonJs(file: string, dir: string): unknown {
  const module = { exports: {} as unknown };
  const body = compileFunction(readTextInPieces(file), ['exports', 'require', 'module', '__filename', '__dirname'], { filename: file });
  body.call(module.exports, module.exports, createRequire(file), module, file, dir);
  return module.exports;
}

