// The one catalogue of diagnostic codes. Each stage keeps its entries in
// codes/<stage>.ts; this file joins them so that `Code` is a closed union and
// `ebcc explain CODE` can find every explanation.
import type { CodeInfo } from './codes/info.js';
import { driverCodes } from './codes/driver.js';
import { ppCodes } from './codes/pp.js';
import { parseCodes } from './codes/parse.js';
import { semaCodes } from './codes/sema.js';
import { backendCodes } from './codes/backend.js';
import { objCodes } from './codes/obj.js';
import { asmCodes } from './codes/asm.js';
import { runCodes } from './codes/run.js';
import { verifyCodes } from './codes/verify.js';

export type { CodeInfo } from './codes/info.js';

export const CODES = {
  ...driverCodes,
  ...ppCodes,
  ...parseCodes,
  ...semaCodes,
  ...backendCodes,
  ...objCodes,
  ...asmCodes,
  ...runCodes,
  ...verifyCodes,
} satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

export function lookupCode(codeOrName: string): { code: Code; info: CodeInfo } | undefined {
  const key = codeOrName.trim();
  for (const [code, info] of Object.entries(CODES) as [Code, CodeInfo][]) {
    if (code.toLowerCase() === key.toLowerCase() || info.name === key) return { code, info };
  }
  return undefined;
}
