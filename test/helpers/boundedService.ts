// dockerfile-language-service's completion in a worker thread with a time limit, so a test of
// input on which it loops for good fails instead of hanging the test run.
import { Worker } from 'node:worker_threads';
import type { CompletionItem, Position } from 'vscode-languageserver-types';

const CODE = `
const { parentPort } = require('node:worker_threads');
const { DockerfileLanguageServiceFactory } = require('dockerfile-language-service');
const service = DockerfileLanguageServiceFactory.createLanguageService();
parentPort.on('message', async ({ text, position }) => parentPort.postMessage(await service.computeCompletionItems(text, position)));
`;

/** The completion items, or 'timeout' when the service has not answered within `ms`. */
export function completeWithin(text: string, position: Position, ms = 3000): Promise<CompletionItem[] | 'timeout'> {
  const worker = new Worker(CODE, { eval: true });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve('timeout');
    }, ms);
    worker.once('message', (items: CompletionItem[]) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(items);
    });
    worker.once('error', reject);
    worker.postMessage({ text, position });
  });
}
