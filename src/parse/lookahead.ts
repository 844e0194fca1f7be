// The parser's look-ahead from a table computed ahead of time (lookahead-table.ts, written by
// `npm run grammar`). chevrotain's own LL(k) strategy computes, when the parser is built, the
// token paths that choose each alternative and enter each optional part: a third of the cost of
// building the parser, paid by every ebcc process. The paths depend only on the grammar, so the
// table keeps them, with a fingerprint of the grammar they were computed from; when the grammar
// no longer matches (the table is stale), every path is computed as before. The functions built
// from the paths decide as chevrotain's do: the first alternative (in order, its GATE allowing)
// with a path that the next tokens match, categories included.
import {
  Alternation,
  getLookaheadPaths,
  LLkLookaheadStrategy,
  NonTerminal,
  Option,
  Repetition,
  RepetitionMandatory,
  RepetitionMandatoryWithSeparator,
  RepetitionWithSeparator,
  Terminal,
  tokenMatcher,
  type IOrAlt,
  type IProduction,
  type IToken,
  type LookaheadProductionType,
  type OptionalProductionType,
  type Rule,
  type TokenType,
} from 'chevrotain';

/** Token paths by production key: per alternative, for an alternation; one list for the others. Each path is token names joined by spaces. */
export interface LookaheadTable {
  fingerprint: string;
  entries: Record<string, string[] | string[][]>;
}

type Paths = TokenType[][];

/** What chevrotain passes `this` as: the parser, of which the look-ahead functions read LA(i). */
interface Reader {
  LA(i: number): IToken;
}

function key(rule: string, prodType: LookaheadProductionType, occurrence: number, maxLookahead: number): string {
  return `${rule} ${prodType} ${occurrence} ${maxLookahead}`;
}

/**
 * A fingerprint of the grammar: every rule's productions, their occurrence numbers, look-ahead
 * depths and token names, in order (the paths depend on nothing else), hashed (FNV-1a, 2 x 32 bits).
 */
export function grammarFingerprint(rules: readonly Rule[]): string {
  const parts: string[] = [];
  const walk = (p: IProduction): void => {
    if (p instanceof Terminal) parts.push(`T${p.terminalType.name}.${p.idx}`);
    else if (p instanceof NonTerminal) parts.push(`N${p.nonTerminalName}.${p.idx}`);
    else {
      const q = p as IProduction & { idx?: number; maxLookahead?: number; separator?: TokenType; definition: IProduction[] };
      parts.push(`(${p.constructor.name}.${q.idx ?? ''}.${q.maxLookahead ?? ''}.${q.separator?.name ?? ''}`);
      for (const d of q.definition) walk(d);
      parts.push(')');
    }
  };
  for (const r of rules) {
    parts.push(`R${r.name}`);
    for (const d of r.definition) walk(d);
  }
  const text = parts.join(' ');
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x811c9dc5) >>> 0;
  }
  return `${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

/** A production whose look-ahead chevrotain computes, as its parser classes spell it. */
type Decision = IProduction & { idx: number; maxLookahead?: number; definition: IProduction[] };

const DECISION_TYPES: [new (...args: never[]) => IProduction, LookaheadProductionType][] = [
  [Alternation, 'Alternation'],
  [Option, 'Option'],
  [Repetition, 'Repetition'],
  [RepetitionMandatory, 'RepetitionMandatory'],
  [RepetitionMandatoryWithSeparator, 'RepetitionMandatoryWithSeparator'],
  [RepetitionWithSeparator, 'RepetitionWithSeparator'],
];

/** Every decision in a rule, nested ones included. */
function decisions(rule: Rule): { prod: Decision; prodType: LookaheadProductionType }[] {
  const out: { prod: Decision; prodType: LookaheadProductionType }[] = [];
  const walk = (p: IProduction): void => {
    const type = DECISION_TYPES.find(([cls]) => p instanceof cls)?.[1];
    if (type !== undefined) out.push({ prod: p as Decision, prodType: type });
    if (p instanceof NonTerminal || p instanceof Terminal) return; // a NonTerminal's definition is the rule it names
    for (const d of (p as Decision).definition) walk(d);
  };
  for (const d of rule.definition) walk(d);
  return out;
}

/** The table for a grammar: every production's paths as chevrotain's LL(k) computes them. */
export function computeLookaheadTable(rules: readonly Rule[], maxLookahead: number): LookaheadTable {
  const entries: LookaheadTable['entries'] = {};
  const names = (paths: Paths): string[] => paths.map((path) => path.map((t) => t.name).join(' '));
  for (const rule of rules) {
    for (const { prod, prodType } of decisions(rule)) {
      const k = prod.maxLookahead || maxLookahead;
      const paths = getLookaheadPaths({ occurrence: prod.idx, rule, prodType, maxLookahead: k });
      entries[key(rule.name, prodType, prod.idx, k)] = prodType === 'Alternation' ? paths.map(names) : names(paths[0] ?? []);
    }
  }
  return { fingerprint: grammarFingerprint(rules), entries };
}

/** chevrotain's LL(k) look-ahead, with the paths read from `table` while it matches the grammar. */
export class TableLookahead extends LLkLookaheadStrategy {
  private useTable = false;

  constructor(
    maxLookahead: number,
    private readonly table: LookaheadTable,
    private readonly tokens: ReadonlyMap<string, TokenType>,
  ) {
    super({ maxLookahead });
  }

  override initialize(options: { rules: Rule[] }): void {
    this.useTable = grammarFingerprint(options.rules) === this.table.fingerprint;
  }

  private cached(rule: Rule, prodType: LookaheadProductionType, occurrence: number, maxLookahead: number): string[] | string[][] | undefined {
    return this.useTable ? this.table.entries[key(rule.name, prodType, occurrence, maxLookahead)] : undefined;
  }

  private decode(paths: readonly string[]): Paths | undefined {
    const out: Paths = [];
    for (const p of paths) {
      const path: TokenType[] = [];
      for (const name of p === '' ? [] : p.split(' ')) {
        const t = this.tokens.get(name);
        if (t === undefined) return undefined;
        path.push(t);
      }
      out.push(path);
    }
    return out;
  }

  override buildLookaheadForAlternation(options: {
    prodOccurrence: number;
    rule: Rule;
    maxLookahead: number;
    hasPredicates: boolean;
    dynamicTokensEnabled: boolean;
  }): (orAlts?: IOrAlt<unknown>[]) => number | undefined {
    const { prodOccurrence, rule, maxLookahead } = options;
    const entry = this.cached(rule, 'Alternation', prodOccurrence, maxLookahead) as string[][] | undefined;
    const decoded = entry?.map((alt) => this.decode(alt));
    const alts = decoded && decoded.every((a) => a !== undefined)
      ? (decoded as Paths[])
      : getLookaheadPaths({ occurrence: prodOccurrence, rule, prodType: 'Alternation', maxLookahead });
    return alternationLookahead(alts, options.hasPredicates, options.dynamicTokensEnabled);
  }

  override buildLookaheadForOptional(options: {
    prodOccurrence: number;
    prodType: OptionalProductionType;
    rule: Rule;
    maxLookahead: number;
    dynamicTokensEnabled: boolean;
  }): () => boolean {
    const { prodOccurrence, rule, maxLookahead, prodType } = options;
    const entry = this.cached(rule, prodType, prodOccurrence, maxLookahead) as string[] | undefined;
    const paths = (entry && this.decode(entry)) ?? getLookaheadPaths({ occurrence: prodOccurrence, rule, prodType, maxLookahead })[0] ?? [];
    return optionalLookahead(paths, options.dynamicTokensEnabled);
  }
}

/** `path` past its first token, which the caller has matched. */
function matchesRest(reader: Reader, path: TokenType[]): boolean {
  for (let i = 1; i < path.length; i++) if (!tokenMatcher(reader.LA(i + 1), path[i]!)) return false;
  return true;
}

/** Whether a token of type index `idx` matches `type` (chevrotain's tokenMatcher, categories included). */
function idxMatches(idx: number, type: TokenType): boolean {
  return idx === type.tokenTypeIdx || (type.isParent === true && (type as TokenType & { categoryMatchesMap?: Record<number, boolean> }).categoryMatchesMap?.[idx] === true);
}

/**
 * Per alternative, the paths that can match when the next token has type index `idx`: those
 * whose first token matches it, and the empty path. Whether a token matches a type depends on
 * its type index only, so a path left out here could not match; the order of the paths is kept.
 */
function pathsStartingWith(alts: Paths[], idx: number): (Paths | undefined)[] {
  return alts.map((alt) => {
    const kept = alt.filter((path) => path.length === 0 || idxMatches(idx, path[0]!));
    return kept.length > 0 ? kept : undefined;
  });
}

/** Token type indices a one-token path matches: its own and those of the types in its categories. */
function indicesOf(t: TokenType): number[] {
  return [t.tokenTypeIdx!, ...(t.categoryMatches ?? [])];
}

function alternationLookahead(alts: Paths[], hasPredicates: boolean, dynamicTokensEnabled: boolean): (orAlts?: IOrAlt<unknown>[]) => number | undefined {
  // The paths each alternative may match after a given first token, computed when that token type is first seen.
  const byFirst: (Paths | undefined)[][] = [];
  const candidates = (idx: number): (Paths | undefined)[] => (byFirst[idx] ??= pathsStartingWith(alts, idx));
  if (hasPredicates) {
    // An alternative none of whose paths can match is skipped without its GATE (the GATEs only look ahead).
    return function (this: Reader, orAlts?: IOrAlt<unknown>[]) {
      const next = candidates(this.LA(1).tokenTypeIdx);
      for (let t = 0; t < next.length; t++) {
        const paths = next[t];
        if (paths === undefined) continue;
        const gate = orAlts?.[t]?.GATE;
        if (gate !== undefined && gate.call(this) === false) continue;
        for (const path of paths) if (matchesRest(this, path)) return t;
      }
      return undefined;
    };
  }
  if (!dynamicTokensEnabled && alts.every((alt) => alt.every((path) => path.length === 1))) {
    // One token decides: a table from its type to the first alternative it starts.
    const choice: (number | undefined)[] = [];
    alts.forEach((alt, t) => {
      for (const path of alt) for (const idx of indicesOf(path[0]!)) choice[idx] ??= t;
    });
    return function (this: Reader) {
      return choice[this.LA(1).tokenTypeIdx];
    };
  }
  return function (this: Reader) {
    const next = candidates(this.LA(1).tokenTypeIdx);
    for (let t = 0; t < next.length; t++) {
      const paths = next[t];
      if (paths !== undefined) for (const path of paths) if (matchesRest(this, path)) return t;
    }
    return undefined;
  };
}

function optionalLookahead(paths: Paths, dynamicTokensEnabled: boolean): () => boolean {
  if (!dynamicTokensEnabled && paths.every((path) => path.length === 1)) {
    const accepted: boolean[] = [];
    for (const path of paths) for (const idx of indicesOf(path[0]!)) accepted[idx] = true;
    return function (this: Reader) {
      return accepted[this.LA(1).tokenTypeIdx] === true;
    };
  }
  const byFirst: Paths[] = [];
  return function (this: Reader) {
    const idx = this.LA(1).tokenTypeIdx;
    const next = (byFirst[idx] ??= pathsStartingWith([paths], idx)[0] ?? []);
    for (const path of next) if (matchesRest(this, path)) return true;
    return false;
  };
}

