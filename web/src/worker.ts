// The playground's Web Worker: it compiles off the page's main thread, so typing stays
// responsive while a large program builds. The stdlib headers are bundled into this file.
import { analyzeSource } from './analyze.js';
import type { WorkerRequest, WorkerResponse } from './protocol.js';

declare const __EBCC_STDLIB__: Record<string, string>;

interface WorkerScope {
  onmessage: ((e: { data: WorkerRequest }) => void) | null;
  postMessage(msg: WorkerResponse): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  const req = e.data;
  switch (req.kind) {
    case 'analyze': {
      const result = analyzeSource(req.source, __EBCC_STDLIB__, () => performance.now());
      scope.postMessage({ kind: 'analyzed', seq: req.seq, result });
      break;
    }
  }
};
