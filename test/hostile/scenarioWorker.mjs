// The worker thread's entry: Node cannot load TypeScript by itself, so tsx compiles the real worker.
import { tsImport } from 'tsx/esm/api';

await tsImport('./scenarioWorker.ts', import.meta.url);
