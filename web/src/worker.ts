// The playground's Web Worker: it compiles off the page's main thread, so typing stays
// responsive while a large program builds, and it runs packets through the object it built last.
// The stdlib headers are bundled into this file.
import { compilePage } from './analyze.js';
import type { WorkerRequest, WorkerResponse } from './protocol.js';
import { PageRunner, type RunView } from './run-page.js';

declare const __EBCC_STDLIB__: Record<string, string>;

interface WorkerScope {
  onmessage: ((e: { data: WorkerRequest }) => void) | null;
  postMessage(msg: WorkerResponse): void;
}

function serve(scope: WorkerScope): void {
  let runner: PageRunner | undefined;
  let builtSeq = 0;
  scope.onmessage = (e) => {
    const req = e.data;
    switch (req.kind) {
      case 'analyze': {
        const c = compilePage(req.source, __EBCC_STDLIB__, () => performance.now());
        runner = c.object ? new PageRunner(c.object, c.sources) : undefined;
        builtSeq = req.seq;
        scope.postMessage({ kind: 'analyzed', seq: req.seq, result: c.result });
        break;
      }
      case 'run':
      case 'reset': {
        let run: RunView | string;
        if (!runner || req.seq !== builtSeq) run = 'no object to run: the source does not build (see the problems)';
        else if (req.kind === 'reset') {
          runner.reset();
          run = 'maps emptied';
        } else run = runner.run(req.program, req.packet, req.trace);
        scope.postMessage({ kind: 'ran', seq: req.seq, run });
        break;
      }
    }
  };
}

serve(self as unknown as WorkerScope);
