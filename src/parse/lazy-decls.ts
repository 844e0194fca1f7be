// Lazy declarations. A helper header declares every BPF helper, about 210 of them, as a constant
// function pointer (`static long (*const bpf_map_update_elem)(void *map, ...) = (void *) 2;`), and
// a program calls a handful: parsing and checking the others was a fifth of the front end of a
// typical program. In a header (any file but the main one), a file-scope declaration of exactly
// that shape is kept as its tokens (ast.LazyDecl) and parsed and checked when its name is first
// used or declared again (sema/lazy.ts); one never used costs nothing more.
//
// Exactness: such a declaration declares one ordinary identifier and nothing else, and no
// diagnostic, so leaving it out changes nothing but that name. The shape is checked token by token so that the declaration
// is known to parse and check without a diagnostic: `static`, a type (qualifiers and one of a
// valid combination of basic type words, a typedef name or a struct, union or enum tag, which
// sema requires to be declared already), pointers, `(* const NAME)` or `(*NAME)`, a prototype of
// parameters of such types (tags only behind a pointer, names distinct and not typedef names,
// `(void)` or a trailing `...`), optionally `__attribute__((unused))`, `= (void *)` and a
// decimal or hexadecimal number or a name that sema requires to be an enumerator already (older
// headers write `(void *) BPF_FUNC_map_lookup_elem`). Anything else is parsed as usual. The parser's decisions inside it depend only on which of its identifiers are typedef
// names; that set is kept with it and given to the parse that takes it up.
import type { TokenType } from 'chevrotain';
import * as T from './tokens.js';
import type { CToken } from './tokens.js';

/** A lazy declaration found at a token index: where it ends and what its parse depends on. */
export interface LazyShape {
  /** Index just after its ';'. */
  end: number;
  name: string;
  /** The identifiers in it that are typedef names. */
  typedefs: string[];
  /** The tags it refers to, which sema requires to be declared at file scope. */
  tags: ['struct' | 'union' | 'enum', string][];
  /** The name its value is (`(void *) BPF_FUNC_map_lookup_elem`), which sema requires to be an enumerator. */
  constants: string[];
}

const NUMBER = /^(0|[1-9][0-9]*|0[xX][0-9a-fA-F]+)$/;
const UNUSED: ReadonlySet<string> = new Set(['unused', '__unused__']);

/** The basic type words a type may be made of, with how many of each a valid type allows. */
const BASIC_WORDS: ReadonlyMap<TokenType, string> = new Map([
  [T.Void, 'void'],
  [T.Char, 'char'],
  [T.Short, 'short'],
  [T.Int, 'int'],
  [T.Long, 'long'],
  [T.Signed, 'signed'],
  [T.Unsigned, 'unsigned'],
  [T.Bool, '_Bool'],
]);

/** Whether basic type words (each counted) make one of C11 6.7.2's types. */
function validBasicType(n: Map<string, number>): boolean {
  const count = (w: string) => n.get(w) ?? 0;
  const total = [...n.values()].reduce((a, b) => a + b, 0);
  if (count('void') > 0 || count('_Bool') > 0) return total === 1;
  if (count('signed') + count('unsigned') > 1) return false;
  if (count('char') > 1 || count('short') > 1 || count('int') > 1 || count('long') > 2) return false;
  if (count('char') === 1) return count('short') + count('int') + count('long') === 0;
  return count('short') === 0 || count('long') === 0;
}

/**
 * The lazy declaration at tokens[at], if the tokens there have exactly the shape above;
 * isTypedef says whether a name is a typedef name where the declaration stands.
 */
export function scanLazyDeclaration(tokens: readonly CToken[], at: number, isTypedef: (name: string) => boolean): LazyShape | undefined {
  let i = at;
  const typedefs: string[] = [];
  const tags: LazyShape['tags'] = [];
  const constants: string[] = [];
  const type = (k: number) => tokens[k]?.tokenType;
  const identifier = (k: number) => type(k) === T.Identifier && !isTypedef(tokens[k]!.image);

  /** A type's specifiers from i: the index after them and whether it is a tag type, or undefined. */
  const specifiers = (): { tag: boolean; plainVoid: boolean } | undefined => {
    const words = new Map<string, number>();
    let qualifiers = 0;
    let named: 'typedef' | 'tag' | undefined;
    for (;;) {
      const t = type(i);
      if (t === T.Const || t === T.Volatile) {
        const bit = t === T.Const ? 1 : 2;
        if (qualifiers & bit) return undefined;
        qualifiers |= bit;
        i++;
        continue;
      }
      const word = t === undefined ? undefined : BASIC_WORDS.get(t);
      if (word !== undefined) {
        if (named) return undefined;
        words.set(word, (words.get(word) ?? 0) + 1);
        i++;
        continue;
      }
      if ((t === T.Struct || t === T.Union || t === T.Enum) && !named && words.size === 0 && type(i + 1) === T.Identifier) {
        tags.push([t === T.Struct ? 'struct' : t === T.Union ? 'union' : 'enum', tokens[i + 1]!.image]);
        named = 'tag';
        i += 2;
        continue;
      }
      if (t === T.Identifier && !named && words.size === 0 && isTypedef(tokens[i]!.image)) {
        typedefs.push(tokens[i]!.image);
        named = 'typedef';
        i++;
        continue;
      }
      break;
    }
    if (!named && (words.size === 0 || !validBasicType(words))) return undefined;
    return { tag: named === 'tag', plainVoid: !named && words.has('void') };
  };
  /** Pointer declarators from i, each with distinct qualifiers; how many. */
  const pointers = (): number | undefined => {
    let n = 0;
    while (type(i) === T.Star) {
      i++;
      n++;
      let qualifiers = 0;
      for (;;) {
        const t = type(i);
        const bit = t === T.Const ? 1 : t === T.Volatile ? 2 : t === T.Restrict ? 4 : 0;
        if (bit === 0) break;
        if (qualifiers & bit) return undefined;
        qualifiers |= bit;
        i++;
      }
    }
    return n;
  };

  if (type(i++) !== T.Static) return undefined;
  const result = specifiers();
  if (!result) return undefined;
  const returnPointers = pointers();
  if (returnPointers === undefined || (result.tag && returnPointers === 0)) return undefined;
  if (type(i++) !== T.LParen || type(i++) !== T.Star) return undefined;
  if (type(i) === T.Const) i++;
  if (!identifier(i)) return undefined;
  const name = tokens[i++]!.image;
  if (type(i++) !== T.RParen || type(i++) !== T.LParen) return undefined;
  if (type(i) === T.Void && type(i + 1) === T.RParen) i += 2;
  else {
    const names = new Set<string>([name]);
    for (;;) {
      const param = specifiers();
      if (!param) return undefined;
      const n = pointers();
      if (n === undefined || (n === 0 && (param.tag || param.plainVoid))) return undefined;
      if (identifier(i)) {
        const paramName = tokens[i++]!.image;
        if (names.has(paramName)) return undefined;
        names.add(paramName);
      }
      const t = type(i++);
      if (t === T.RParen) break;
      if (t !== T.Comma) return undefined;
      if (type(i) === T.Ellipsis) {
        i++;
        if (type(i++) !== T.RParen) return undefined;
        break;
      }
    }
  }
  // __attribute__((unused)), which iproute2's helper macro adds, means nothing for a global.
  if (type(i) === T.Attribute) {
    if (type(i + 1) !== T.LParen || type(i + 2) !== T.LParen || type(i + 4) !== T.RParen || type(i + 5) !== T.RParen) return undefined;
    if (!UNUSED.has(tokens[i + 3]?.image ?? '')) return undefined;
    i += 6;
  }
  if (type(i++) !== T.Assign || type(i++) !== T.LParen || type(i++) !== T.Void || type(i++) !== T.Star || type(i++) !== T.RParen) return undefined;
  if (type(i) === T.IntegerConstant && NUMBER.test(tokens[i]!.image)) i++;
  else if (identifier(i)) constants.push(tokens[i++]!.image);
  else return undefined;
  if (type(i++) !== T.Semicolon) return undefined;
  return { end: i, name, typedefs, tags, constants };
}
