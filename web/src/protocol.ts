// Messages between the page and its worker. The worker owns the compiler; the page only renders.
import type { PageResult } from './analyze.js';

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

export type WorkerRequest = AnalyzeRequest;
export type WorkerResponse = AnalyzeResponse;
