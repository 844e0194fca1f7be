// Messages between the page and its worker. The worker owns the compiler, the object it built
// last and the interpreter's maps; the page only renders.
import type { PageResult } from './analyze.js';
import type { RunView } from './run-page.js';

export interface AnalyzeRequest {
  kind: 'analyze';
  /** Increases with every request; the page ignores answers to older ones. */
  seq: number;
  source: string;
}

export interface AnalyzeResponse {
  kind: 'analyzed';
  seq: number;
  result: PageResult;
}

/** Runs one packet through a program of the object built for analyze request `seq`. */
export interface RunRequest {
  kind: 'run';
  seq: number;
  program: string;
  packet: Uint8Array;
  trace: boolean;
}

/** Empties the maps: the object as freshly loaded. */
export interface ResetRequest {
  kind: 'reset';
  seq: number;
}

export interface RunResponse {
  kind: 'ran';
  seq: number;
  /** The run, or why there was none (no object, an unknown program type). */
  run: RunView | string;
}

export type WorkerRequest = AnalyzeRequest | RunRequest | ResetRequest;
export type WorkerResponse = AnalyzeResponse | RunResponse;
