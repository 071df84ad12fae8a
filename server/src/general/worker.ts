// Worker thread that runs every call into dockerfile-language-service and dockerfile-utils: their
// general completion, hover, signature help, formatting, links, quick fixes and lint. They re-parse
// the text on every call, take seconds on some inputs and never return on others (completion
// follows FROM names round a cycle), so they run here, where the server can stop them
// (general/boundedWorker.ts), never on its main thread.
import { parentPort } from 'node:worker_threads';
import { DockerfileLanguageServiceFactory, type DockerfileLanguageService } from 'dockerfile-language-service';
import { DockerRegistryClient } from 'dockerfile-language-service/lib/dockerRegistryClient';
import { validate } from 'dockerfile-utils';
import { onceEach } from '../core/model/argumentMemo';
import type { GeneralMethod, GeneralRequests, WorkerAnswer, WorkerRequest } from './requests';

// Tag completion in FROM asks Docker Hub; nothing here reaches the network.
DockerRegistryClient.prototype.getTags = () => Promise.resolve([]);

let instance: DockerfileLanguageService | undefined;
function service(): DockerfileLanguageService {
  if (!instance) {
    instance = DockerfileLanguageServiceFactory.createLanguageService();
    instance.setCapabilities({ completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } }, hover: { contentFormat: ['markdown', 'plaintext'] } });
  }
  return instance;
}

type Handlers = { [M in GeneralMethod]: (params: GeneralRequests[M]['params']) => GeneralRequests[M]['answer'] | PromiseLike<GeneralRequests[M]['answer']> };

const handlers: Handlers = {
  completion: ({ text, position }) => service().computeCompletionItems(text, position),
  resolveCompletion: ({ item }) => service().resolveCompletionItem(item),
  hover: ({ text, position }) => service().computeHover(text, position),
  signatureHelp: ({ text, position }) => {
    const help = service().computeSignatureHelp(text, position);
    return help && help.signatures.length ? help : null;
  },
  format: ({ text, options }) => service().format(text, options),
  formatRange: ({ text, range, options }) => service().formatRange(text, range, options),
  formatOnType: ({ text, position, ch, options }) => service().formatOnType(text, position, ch, options),
  links: ({ text }) => service().computeLinks(text),
  resolveLink: ({ link }) => service().resolveLink(link),
  quickFixes: ({ text, textDocument, range, context }) =>
    service().computeCodeActions(textDocument, range, context as Parameters<DockerfileLanguageService['computeCodeActions']>[2]).map((command) => ({
      title: command.title,
      diagnosticRange: command.arguments?.[1],
      edits: service().computeCommandEdits(text, command.command, command.arguments ?? []),
    })),
  lint: ({ text }) => validate(text),
};

parentPort?.on('message', async ({ id, method, params }: WorkerRequest) => {
  let reply: WorkerAnswer;
  try {
    const handler = handlers[method] as (p: unknown) => unknown;
    reply = { id, answer: await onceEach(() => handler(params), { freshArguments: true }) };
  } catch (e) {
    reply = { id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
