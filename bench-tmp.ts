import { parseDockerfile } from './server/src/core/model/parse';
import { estimateStages } from './server/src/core/sizes/estimator';
import { resolveSizeLens, sizeLensStubs } from './server/src/core/features/sizeLens';
const parts: string[] = [];
for (let i = 0; i < 5000; i++) {
  parts.push(`FROM ${i % 3 === 0 ? 'golang:1.22-alpine' : i % 3 === 1 ? 'node:20-bookworm-slim' : `s${i - 1}`} AS s${i}`, 'WORKDIR /app', 'COPY package.json ./', `RUN apt-get update && apt-get install -y --no-install-recommends curl git && rm -rf /var/lib/apt/lists/*`, 'RUN npm ci --omit=dev', 'COPY . .', `RUN go build -o /out/app${i} ./cmd`, `COPY --from=s${Math.max(0, i - 2)} /out /out`, 'ENV A=1', 'USER app');
}
const text = parts.join('\n');
const model = parseDockerfile(text);
const io = { contextSize: () => ({ bytes: 1000, files: 1 }) };
let t = performance.now();
for (const s of model.stages) s.instructions;
console.log('instructions getter ms', (performance.now() - t).toFixed(1));
t = performance.now();
estimateStages(model, { io });
console.log('estimateStages ms', (performance.now() - t).toFixed(1));
t = performance.now();
for (const s of sizeLensStubs(model)) resolveSizeLens(model, s.stage, 'uncompressed', { io });
console.log('resolve all (estimates cached) ms', (performance.now() - t).toFixed(1));
