// Declaration rules (C11 6.7): specifiers, struct/union/enum, declarators,
// type names, initializers, and the GNU attribute and asm-label syntax.
// Declarators are built as ast.ts describes: the node nearest the root is
// applied to the base type first (`*a[3]` is Pointer{Array{a}}).
import type { IToken } from 'chevrotain';
import type * as ast from './ast.js';
import { ExprParser } from './expr-rules.js';
import type { DeclaratorMode } from './parser-base.js';
import * as T from './tokens.js';

const QUALIFIER_NAMES: Record<string, ast.Qualifier> = {
  const: 'const', __const: 'const', __const__: 'const',
  volatile: 'volatile', __volatile: 'volatile', __volatile__: 'volatile',
  restrict: 'restrict', __restrict: 'restrict', __restrict__: 'restrict',
  _Atomic: '_Atomic',
};

const TYPE_WORDS: Record<string, string> = { __signed: 'signed', __signed__: 'signed', __complex__: '_Complex' };

/** "__packed__" -> "packed" */
export function normalizeAttributeName(name: string): string {
  return name.length > 4 && name.startsWith('__') && name.endsWith('__') ? name.slice(2, -2) : name;
}

/** The name a declarator declares, if any. */
export function declaratorName(d: ast.Declarator): string | undefined {
  let cur = d;
  while (cur.kind !== 'IdentDeclarator') cur = cur.inner;
  return cur.name;
}

/** One '*' of a declarator, with its qualifiers and attributes. */
interface PointerPart {
  tok: IToken;
  qualifiers: ast.Qualifier[];
  attributes: ast.Attribute[];
}

/** Whether declaration-specifiers have had a type specifier yet, and the token of the first. */
interface SeenType {
  seenType: boolean;
  typeStart?: IToken;
}

export class DeclParser extends ExprParser {
  // Defined by InitParser (init-rules.ts).
  declare staticAssertDeclaration: (idxInCallingRule?: number, ...args: unknown[]) => ast.StaticAssert;

  // declaration-specifiers = (storage-class-specifier | type-specifier | type-qualifier
  //   | function-specifier | alignment-specifier | attribute-specifier | "__extension__")+  (C11 6.7)
  declarationSpecifiers = this.RULE('declarationSpecifiers', (): ast.DeclSpecifiers => {
    const start = this.LA(1);
    if (this.fast() && this.isDeclSpecifierStart(start, false)) return this.specifiersFast(start);
    const specs = this.emptySpecifiers(start);
    const seen: SeenType = { seenType: false };
    this.AT_LEAST_ONE({
      GATE: () => this.isDeclSpecifierStart(this.LA(1), seen.seenType) || this.unknownTypeName(seen),
      ERR_MSG: 'declaration specifiers',
      DEF: () => {
        const tok = this.LA(1);
        const setType = (t: ast.TypeSpecifier, at: IToken): void => this.setTypeSpecifier(specs, seen, t, at);
        this.OR([
          { ALT: () => { const t = this.CONSUME(T.StorageClassKw); this.ACTION(() => specs.storage.push((t.image === '__thread' ? '_Thread_local' : t.image) as ast.StorageClass)); } },
          { ALT: () => { const t = this.CONSUME(T.QualifierKw); this.ACTION(() => specs.qualifiers.push(QUALIFIER_NAMES[t.image]!)); } },
          { ALT: () => { const t = this.CONSUME(T.BasicTypeKw); this.ACTION(() => setType({ kind: 'BuiltinType', span: this.outerSpan(t), words: [TYPE_WORDS[t.image] ?? t.image] }, t)); } },
          { ALT: () => { const s = this.SUBRULE(this.structOrUnionSpecifier); this.ACTION(() => setType(s, tok)); } },
          { ALT: () => { const s = this.SUBRULE(this.enumSpecifier); this.ACTION(() => setType(s, tok)); } },
          { ALT: () => { const s = this.SUBRULE(this.typeofSpecifier); this.ACTION(() => setType(s, tok)); } },
          { ALT: () => { const t = this.CONSUME(T.Identifier); this.ACTION(() => (this.noteUnknownType(t), setType({ kind: 'TypedefName', span: this.outerSpan(t), name: t.image }, t))); } },
          { ALT: () => { this.CONSUME(T.Inline); specs.inline = true; } },
          { ALT: () => { this.CONSUME(T.Noreturn); specs.noreturn = true; } },
          { ALT: () => { const a = this.SUBRULE(this.alignmentSpecifier); this.ACTION(() => (specs.alignas = a)); } },
          { ALT: () => { const a = this.SUBRULE(this.attributeSpecifier); this.ACTION(() => specs.attributes.push(...a)); } },
          { ALT: () => { this.CONSUME(T.Extension); } },
        ]);
      },
    });
    return this.ACTION(() => this.finishSpecifiers(specs, start, seen));
  });

  /**
   * declarationSpecifiers' fast path (parser-base.ts), which rules reading a member or parameter
   * also take in place of calling the rule: the AT_LEAST_ONE and OR, decided by the next token
   * alone (each alternative's path is one token; the GATE admits only tokens that some path has).
   * The caller has checked that `start` (LA(1)) may begin the specifiers.
   */
  protected specifiersFast(start: IToken): ast.DeclSpecifiers {
    const specs = this.emptySpecifiers(start);
    const seen: SeenType = { seenType: false };
    do {
      const tok = this.LA(1);
      const type = tok.tokenType;
      if (this.is(tok, T.StorageClassKw)) {
        const t = this.CONSUME(T.StorageClassKw);
        specs.storage.push((t.image === '__thread' ? '_Thread_local' : t.image) as ast.StorageClass);
      } else if (this.is(tok, T.QualifierKw)) {
        specs.qualifiers.push(QUALIFIER_NAMES[this.CONSUME(T.QualifierKw).image]!);
      } else if (this.is(tok, T.BasicTypeKw)) {
        const t = this.CONSUME(T.BasicTypeKw);
        this.setTypeSpecifier(specs, seen, { kind: 'BuiltinType', span: this.outerSpan(t), words: [TYPE_WORDS[t.image] ?? t.image] }, t);
      } else if (type === T.Struct || type === T.Union) {
        this.setTypeSpecifier(specs, seen, this.SUBRULE(this.structOrUnionSpecifier), tok);
      } else if (type === T.Enum) {
        this.setTypeSpecifier(specs, seen, this.SUBRULE(this.enumSpecifier), tok);
      } else if (type === T.Typeof) {
        this.setTypeSpecifier(specs, seen, this.SUBRULE(this.typeofSpecifier), tok);
      } else if (type === T.Identifier) {
        const t = this.CONSUME(T.Identifier);
        this.noteUnknownType(t);
        this.setTypeSpecifier(specs, seen, { kind: 'TypedefName', span: this.outerSpan(t), name: t.image }, t);
      } else if (type === T.Inline) {
        this.CONSUME(T.Inline);
        specs.inline = true;
      } else if (type === T.Noreturn) {
        this.CONSUME(T.Noreturn);
        specs.noreturn = true;
      } else if (type === T.Alignas) {
        specs.alignas = this.SUBRULE(this.alignmentSpecifier);
      } else if (type === T.Attribute) {
        specs.attributes.push(...this.SUBRULE(this.attributeSpecifier));
      } else {
        this.CONSUME(T.Extension);
      }
    } while (this.isDeclSpecifierStart(this.LA(1), seen.seenType) || this.unknownTypeName(seen));
    return this.finishSpecifiers(specs, start, seen);
  }

  /**
   * `static inline bool f(void)` with no typedef `bool` in scope: after specifiers that name no
   * type yet, a name followed by another name or a '*' can only be a type the file does not know
   * (were it the declarator, neither could follow). It is taken as a type specifier, and
   * noteUnknownType() reports it once.
   */
  private unknownTypeName(seen: SeenType): boolean {
    const t = this.LA(1);
    if (seen.seenType || t.tokenType !== T.Identifier || this.isTypedefName(t)) return false;
    const next = this.LA(2).tokenType;
    return next === T.Identifier || next === T.Star;
  }

  /** A type specifier name that is no typedef in scope (unknownTypeName): reported as clang does, then declared as a typedef so the rest parses without follow-on errors. */
  private noteUnknownType(t: IToken): void {
    if (this.isTypedefName(t)) return;
    this.report('E2008', `unknown type name '${t.image}'`, t);
    this.st.scopes.declare(t.image, true);
  }

  /** The specifiers node before any specifier is read. */
  private emptySpecifiers(start: IToken): ast.DeclSpecifiers {
    return {
      kind: 'DeclSpecifiers', span: this.outerSpan(start), storage: [], qualifiers: [], inline: false, noreturn: false,
      type: { kind: 'BuiltinType', span: this.outerSpan(start), words: [] }, attributes: [],
    };
  }

  /** Adds a type specifier read at `tok`: basic type words combine; anything else may stand alone only. */
  private setTypeSpecifier(specs: ast.DeclSpecifiers, seen: SeenType, t: ast.TypeSpecifier, tok: IToken): void {
    if (seen.seenType && (specs.type.kind !== 'BuiltinType' || t.kind !== 'BuiltinType')) {
      this.report('E2007', `cannot combine '${tok.image}' with the previous type specifier '${seen.typeStart?.image ?? ''}'`, tok);
      return;
    }
    seen.seenType = true;
    seen.typeStart ??= tok;
    if (t.kind === 'BuiltinType' && specs.type.kind === 'BuiltinType') specs.type.words.push(...t.words);
    else specs.type = t;
  }

  /** The specifiers' spans, once all are read. */
  private finishSpecifiers(specs: ast.DeclSpecifiers, start: IToken, seen: SeenType): ast.DeclSpecifiers {
    specs.span = this.spanFrom(start);
    if (specs.type.kind === 'BuiltinType') specs.type.span = seen.typeStart ? this.outerSpan(seen.typeStart) : { ...specs.span, end: specs.span.start };
    return specs;
  }

  // struct-or-union-specifier = ("struct" | "union") attribute-specifier* (identifier? "{" struct-declaration* "}" | identifier)
  //   attribute-specifier*  (C11 6.7.2.1)
  structOrUnionSpecifier = this.RULE('structOrUnionSpecifier', (): ast.StructOrUnionSpec => {
    const start = this.LA(1);
    const tag = this.fast()
      ? (this.CONSUME2(start.tokenType === T.Union ? T.Union : T.Struct), start.tokenType === T.Union ? 'union' : 'struct')
      : this.OR([{ ALT: () => (this.CONSUME(T.Struct), 'struct' as const) }, { ALT: () => (this.CONSUME(T.Union), 'union' as const) }]);
    const attributes = this.fast() && !this.la(1, T.Attribute) ? [] : this.SUBRULE(this.attributeSpecifiers);
    let name: IToken | undefined;
    let members: ast.StructMember[] | undefined;
    const next = this.LA(1).tokenType;
    if (this.fast() && next === T.Identifier) {
      name = this.CONSUME(T.Identifier);
      this.OPTION(() => (members = this.SUBRULE(this.structDeclarationList)));
    } else if (this.fast() && next === T.LBrace) {
      members = this.SUBRULE2(this.structDeclarationList);
    } else this.OR2([
      {
        ALT: () => {
          name = this.CONSUME(T.Identifier);
          this.OPTION(() => (members = this.SUBRULE(this.structDeclarationList)));
        },
      },
      { ALT: () => (members = this.SUBRULE2(this.structDeclarationList)) },
    ]);
    const after = this.fast() && !this.la(1, T.Attribute) ? [] : this.SUBRULE2(this.attributeSpecifiers);
    return this.ACTION(() => {
      const node: ast.StructOrUnionSpec = { kind: 'StructOrUnion', span: this.spanFrom(start), tag, attributes: [...attributes, ...after] };
      if (members && this.st.preserveAccessIndexAt(start.startOffset)) {
        node.attributes.push({ kind: 'Attribute', span: this.spanFrom(start), name: 'preserve_access_index', args: [] });
      }
      if (name) Object.assign(node, { name: name.image, nameSpan: this.outerSpan(name) });
      if (members) node.members = members;
      return node;
    });
  });

  // "{" struct-declaration* "}"
  structDeclarationList = this.RULE('structDeclarationList', (): ast.StructMember[] => {
    const members: ast.StructMember[] = [];
    this.CONSUME(T.LBrace);
    this.enter();
    try {
      this.MANY(() => {
        const m = this.SUBRULE(this.structDeclaration);
        this.ACTION(() => m && members.push(m));
      });
    } finally {
      this.leave();
    }
    this.CONSUME(T.RBrace);
    return members;
  });

  // struct-declaration = specifier-qualifier-list struct-declarator-list? ";" | static_assert-declaration | ";"  (C11 6.7.2.1)
  // (a _Static_assert inside a struct is checked for syntax only)
  structDeclaration = this.RULE('structDeclaration', (): ast.StructMember | undefined => {
    const start = this.LA(1);
    if (this.fast() && this.startsSpecifierPath(start)) return this.structMember(start);
    return this.OR([
      { ALT: () => (this.SUBRULE(this.staticAssertDeclaration), undefined) },
      { ALT: () => (this.CONSUME(T.Semicolon), undefined) },
      { ALT: () => this.structMember(start) },
    ]);
  });

  /** specifier-qualifier-list struct-declarator-list? ";", inside structDeclaration (its fast path and its OR). */
  private structMember(start: IToken): ast.StructMember {
    const specifiers = this.fast() && this.isDeclSpecifierStart(start, false) ? this.specifiersFast(start) : this.SUBRULE(this.declarationSpecifiers);
    const declarators: ast.MemberDeclarator[] = [];
    if (this.fast()) {
      // Fast path: the OPTION has the empty path, so its GATE alone decides; the MANY's path is ','.
      if (!this.la(1, T.Semicolon)) {
        declarators.push(this.memberDeclarator());
        while (this.la(1, T.Comma)) {
          this.CONSUME(T.Comma);
          declarators.push(this.memberDeclarator());
        }
      }
      this.CONSUME2(T.Semicolon, { ERR_MSG: "expected ';' at end of declaration list" });
      return { kind: 'StructMember', span: this.spanFrom(start), specifiers, declarators };
    }
    this.OPTION({
      GATE: () => !this.la(1, T.Semicolon),
      DEF: () => {
        declarators.push(this.SUBRULE(this.structDeclarator));
        this.MANY(() => {
          this.CONSUME(T.Comma);
          declarators.push(this.SUBRULE2(this.structDeclarator));
        });
      },
    });
    this.CONSUME2(T.Semicolon, { ERR_MSG: "expected ';' at end of declaration list" });
    return this.ACTION((): ast.StructMember => ({ kind: 'StructMember', span: this.spanFrom(start), specifiers, declarators }));
  }

  /** Does `tok` begin one of declaration-specifiers' paths (lookahead-table.ts): what a declaration's specifiers may start with. */
  protected startsSpecifierPath(tok: IToken): boolean {
    const type = tok.tokenType;
    return (
      type === T.Identifier || this.is(tok, T.BasicTypeKw) || this.is(tok, T.QualifierKw) || this.is(tok, T.StorageClassKw) ||
      type === T.Struct || type === T.Union || type === T.Enum || type === T.Typeof || type === T.Inline || type === T.Noreturn ||
      type === T.Alignas || type === T.Attribute || type === T.Extension
    );
  }

  /**
   * A struct-declarator in structMember's fast path: one that begins with an identifier or '*'
   * (structDeclarator's first OPTION takes the declarator then; the second's path is ':') is read
   * here without calling the rule, any other by the rule.
   */
  private memberDeclarator(): ast.MemberDeclarator {
    const start = this.LA(1);
    if (start.tokenType !== T.Identifier && start.tokenType !== T.Star) return this.SUBRULE(this.structDeclarator);
    const declarator = this.declaratorFast('named');
    const attrs1 = !this.la(1, T.Attribute) ? [] : this.SUBRULE(this.attributeSpecifiers);
    let bitWidth: ast.Expr | undefined;
    if (this.la(1, T.Colon)) {
      this.CONSUME(T.Colon);
      bitWidth = this.simpleOperand('conditional') || this.SUBRULE(this.constantExpression);
    }
    const attrs2 = !this.la(1, T.Attribute) ? [] : this.SUBRULE2(this.attributeSpecifiers);
    const node: ast.MemberDeclarator = { kind: 'MemberDeclarator', span: this.spanFrom(start), attributes: [...attrs1, ...attrs2] };
    node.declarator = declarator;
    if (bitWidth) node.bitWidth = bitWidth;
    return node;
  }

  // struct-declarator = declarator (":" constant-expression)? attribute-specifier* | ":" constant-expression  (C11 6.7.2.1)
  structDeclarator = this.RULE('structDeclarator', (): ast.MemberDeclarator => {
    const start = this.LA(1);
    let declarator: ast.Declarator | undefined;
    let bitWidth: ast.Expr | undefined;
    this.OPTION(() => (declarator = this.SUBRULE(this.declarator, { ARGS: ['named'] })));
    const attrs1 = this.fast() && !this.la(1, T.Attribute) ? [] : this.SUBRULE(this.attributeSpecifiers);
    this.OPTION2(() => {
      this.CONSUME(T.Colon);
      bitWidth = this.SUBRULE(this.constantExpression);
    });
    const attrs2 = this.fast() && !this.la(1, T.Attribute) ? [] : this.SUBRULE2(this.attributeSpecifiers);
    return this.ACTION(() => {
      const node: ast.MemberDeclarator = { kind: 'MemberDeclarator', span: this.spanFrom(start), attributes: [...attrs1, ...attrs2] };
      if (declarator) node.declarator = declarator;
      if (bitWidth) node.bitWidth = bitWidth;
      return node;
    });
  });

  // enum-specifier = "enum" attribute-specifier* (identifier? "{" enumerator ("," enumerator)* ","? "}" | identifier)
  //   attribute-specifier*  (C11 6.7.2.2)
  // C23 6.7.2.2 (and clang's extension before it): an enum may fix its underlying type with
  // `: type-name` after its tag (`enum pkt_type : __u8 { ... }`). In a member declaration `enum E
  // : 3;` is an unnamed bit-field: the base is taken only when a type name follows the colon.
  enumSpecifier = this.RULE('enumSpecifier', (): ast.EnumSpec => {
    const start = this.CONSUME(T.Enum);
    const attrs1 = this.fast() && !this.la(1, T.Attribute) ? [] : this.SUBRULE(this.attributeSpecifiers);
    let name: IToken | undefined;
    let base: ast.TypeName | undefined;
    let enumerators: ast.Enumerator[] | undefined;
    this.OR([
      {
        ALT: () => {
          name = this.CONSUME(T.Identifier);
          this.OPTION({ GATE: () => this.startsEnumBase(), DEF: () => (base = this.SUBRULE(this.enumBase)) });
          this.OPTION2(() => (enumerators = this.SUBRULE(this.enumeratorList)));
        },
      },
      {
        ALT: () => {
          this.OPTION3({ GATE: () => this.startsEnumBase(), DEF: () => (base = this.SUBRULE2(this.enumBase)) });
          enumerators = this.SUBRULE2(this.enumeratorList);
        },
      },
    ]);
    const attrs2 = this.fast() && !this.la(1, T.Attribute) ? [] : this.SUBRULE2(this.attributeSpecifiers);
    return this.ACTION(() => {
      const node: ast.EnumSpec = { kind: 'Enum', span: this.spanFrom(start), attributes: [...attrs1, ...attrs2] };
      if (name) Object.assign(node, { name: name.image, nameSpan: this.outerSpan(name) });
      if (base) node.base = base;
      if (enumerators) node.enumerators = enumerators;
      return node;
    });
  });

  // enum-type-specifier = ":" specifier-qualifier-list  (C23 6.7.2.2), as a type name
  enumBase = this.RULE('enumBase', (): ast.TypeName => {
    this.CONSUME(T.Colon);
    return this.SUBRULE(this.typeName);
  });

  enumeratorList = this.RULE('enumeratorList', (): ast.Enumerator[] => {
    const list: ast.Enumerator[] = [];
    this.CONSUME(T.LBrace);
    list.push(this.SUBRULE(this.enumerator));
    this.MANY({
      GATE: () => !this.la(2, T.RBrace),
      DEF: () => {
        this.CONSUME(T.Comma);
        list.push(this.SUBRULE2(this.enumerator));
      },
    });
    this.OPTION(() => this.CONSUME2(T.Comma));
    this.CONSUME(T.RBrace);
    return list;
  });

  // enumerator = enumeration-constant attribute-specifier* ("=" constant-expression)?  (C11 6.7.2.2)
  enumerator = this.RULE('enumerator', (): ast.Enumerator => {
    const name = this.CONSUME(T.Identifier);
    if (!this.fast() || this.la(1, T.Attribute)) this.SUBRULE(this.attributeSpecifiers);
    let value: ast.Expr | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Assign);
      value = (this.fast() && this.simpleOperand('conditional')) || this.SUBRULE(this.constantExpression);
    });
    return this.ACTION(() => {
      this.st.scopes.declare(name.image, false);
      const node: ast.Enumerator = { kind: 'Enumerator', span: this.spanFrom(name), name: name.image };
      if (value) node.value = value;
      return node;
    });
  });

  // typeof-specifier = ("typeof" | "__typeof__") "(" (type-name | expression) ")"  (GNU, C23 6.7.2.5)
  typeofSpecifier = this.RULE('typeofSpecifier', (): ast.TypeofSpec => {
    const start = this.CONSUME(T.Typeof);
    this.CONSUME(T.LParen);
    const arg = this.SUBRULE(this.typeNameOrExpression);
    this.CONSUME(T.RParen);
    return this.ACTION(() => ({ kind: 'Typeof', span: this.spanFrom(start), arg }));
  });

  // alignment-specifier = "_Alignas" "(" (type-name | constant-expression) ")"  (C11 6.7.5)
  alignmentSpecifier = this.RULE('alignmentSpecifier', (): ast.Expr | ast.TypeName => {
    this.CONSUME(T.Alignas);
    this.CONSUME(T.LParen);
    const arg = this.SUBRULE(this.typeNameOrExpression);
    this.CONSUME(T.RParen);
    return arg;
  });

  typeNameOrExpression = this.RULE('typeNameOrExpression', (): ast.Expr | ast.TypeName => {
    // At run time the scope decides: chevrotain's computed look-ahead does not
    // consult the typedef GATE for an identifier, so `typeof(T)` with a typedef
    // T would otherwise parse as an expression. The OR below records the grammar.
    if (!this.RECORDING_PHASE) {
      return this.startsTypeName(this.LA(1)) ? this.SUBRULE(this.typeName) : this.SUBRULE(this.expression);
    }
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.startsTypeName(this.LA(1)), ALT: () => this.SUBRULE(this.typeName) },
        { ALT: () => this.SUBRULE(this.expression) },
      ],
    });
  });

  // attribute-specifier = "__attribute__" "(" "(" attribute? ("," attribute?)* ")" ")"  (GNU)
  attributeSpecifier = this.RULE('attributeSpecifier', (): ast.Attribute[] => {
    const list: ast.Attribute[] = [];
    this.CONSUME(T.Attribute);
    this.CONSUME(T.LParen);
    this.CONSUME2(T.LParen);
    this.OPTION(() => list.push(this.SUBRULE(this.attribute)));
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.OPTION2(() => list.push(this.SUBRULE2(this.attribute)));
    });
    this.CONSUME(T.RParen);
    this.CONSUME2(T.RParen);
    return list;
  });

  attributeSpecifiers = this.RULE('attributeSpecifiers', (): ast.Attribute[] => {
    const list: ast.Attribute[] = [];
    this.MANY(() => {
      const a = this.SUBRULE(this.attributeSpecifier);
      this.ACTION(() => list.push(...a));
    });
    return list;
  });

  // attribute = (identifier | keyword) ("(" (assignment-expression ("," assignment-expression)*)? ")")?
  attribute = this.RULE('attribute', (): ast.Attribute => {
    const name = this.CONSUME(T.Word);
    const args: ast.Expr[] = [];
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.OPTION2(() => {
        args.push(this.SUBRULE(this.assignmentExpression));
        this.MANY(() => {
          this.CONSUME(T.Comma);
          args.push(this.SUBRULE2(this.assignmentExpression));
        });
      });
      this.CONSUME(T.RParen);
    });
    return this.ACTION(() => ({ kind: 'Attribute', span: this.spanFrom(name), name: normalizeAttributeName(name.image), args }));
  });

  // asm-label = ("asm" | "__asm__") "(" string-literal+ ")"  (GNU)
  asmLabel = this.RULE('asmLabel', (): string => {
    this.CONSUME(T.Asm);
    this.CONSUME(T.LParen);
    const s = this.SUBRULE(this.stringLiteral);
    this.CONSUME(T.RParen);
    return this.ACTION(() => s.value);
  });

  // declarator = pointer* direct-declarator  (C11 6.7.6); abstract-declarator likewise with no identifier
  declarator = this.RULE('declarator', (mode: DeclaratorMode): ast.Declarator => {
    if (this.fast()) return this.declaratorFast(mode);
    this.enter();
    try {
      const pointers: PointerPart[] = [];
      this.MANY(() => pointers.push(this.SUBRULE(this.pointer)));
      const direct = this.SUBRULE(this.directDeclarator, { ARGS: [mode] });
      return this.ACTION(() => this.withPointers(pointers, direct));
    } finally {
      this.leave();
    }
  });

  /**
   * declarator's fast path, which rules reading a member or a parameter also take in place of
   * calling the rule: the MANY's path is '*', and an identifier takes directDeclarator's fast path.
   */
  protected declaratorFast(mode: DeclaratorMode): ast.Declarator {
    this.enter();
    try {
      const pointers: PointerPart[] = [];
      while (this.la(1, T.Star)) pointers.push(this.pointerFast());
      const direct =
        mode !== 'abstract' && this.LA(1).tokenType === T.Identifier ? this.identDirectDeclarator() : this.SUBRULE(this.directDeclarator, { ARGS: [mode] });
      return this.withPointers(pointers, direct);
    } finally {
      this.leave();
    }
  }

  /** `direct` inside its pointers, the first pointer outermost. */
  private withPointers(pointers: PointerPart[], direct: ast.Declarator): ast.Declarator {
    let node = direct;
    for (let i = pointers.length - 1; i >= 0; i--) {
      const p = pointers[i]!;
      const s = this.outerSpan(p.tok);
      const span = { file: s.file, start: s.start, end: Math.max(s.end, node.span.end) };
      node = { kind: 'PointerDeclarator', span, qualifiers: p.qualifiers, attributes: p.attributes, inner: node };
    }
    return node;
  }

  // pointer = "*" (type-qualifier | attribute-specifier)*  (C11 6.7.6)
  pointer = this.RULE('pointer', () => {
    if (this.fast()) return this.pointerFast();
    const tok = this.CONSUME(T.Star);
    const qualifiers: ast.Qualifier[] = [];
    const attributes: ast.Attribute[] = [];
    this.MANY(() =>
      this.OR([
        { ALT: () => { const q = this.CONSUME(T.QualifierKw); this.ACTION(() => qualifiers.push(QUALIFIER_NAMES[q.image]!)); } },
        { ALT: () => { const a = this.SUBRULE(this.attributeSpecifier); this.ACTION(() => attributes.push(...a)); } },
      ]),
    );
    return { tok, qualifiers, attributes };
  });

  /**
   * pointer's fast path, which declarator also takes in place of calling the rule: the MANY's
   * paths and the OR's are single tokens (a qualifier or `__attribute__`), so the next token decides.
   */
  private pointerFast(): PointerPart {
    const tok = this.CONSUME(T.Star);
    const qualifiers: ast.Qualifier[] = [];
    const attributes: ast.Attribute[] = [];
    for (;;) {
      const next = this.LA(1);
      if (this.is(next, T.QualifierKw)) qualifiers.push(QUALIFIER_NAMES[this.CONSUME(T.QualifierKw).image]!);
      else if (next.tokenType === T.Attribute) attributes.push(...this.SUBRULE(this.attributeSpecifier));
      else return { tok, qualifiers, attributes };
    }
  }

  // direct-declarator = (identifier | "(" attribute-specifier* declarator ")")? declarator-suffix*  (C11 6.7.6)
  directDeclarator = this.RULE('directDeclarator', (mode: DeclaratorMode): ast.Declarator => {
    const start = this.LA(1);
    let node: ast.Declarator | undefined;
    if (this.fast() && mode !== 'abstract' && start.tokenType === T.Identifier) return this.identDirectDeclarator();
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => mode !== 'abstract',
          ALT: () => {
            const t = this.CONSUME(T.Identifier);
            this.ACTION(() => (node = { kind: 'IdentDeclarator', span: this.outerSpan(t), name: t.image }));
          },
        },
        {
          GATE: () => this.isGroupingParen(mode),
          ALT: () => {
            this.CONSUME(T.LParen);
            this.SUBRULE(this.attributeSpecifiers);
            node = this.SUBRULE(this.declarator, { ARGS: [mode] });
            this.CONSUME(T.RParen);
          },
        },
        { GATE: () => mode !== 'named', ALT: () => this.ACTION(() => (node = { kind: 'IdentDeclarator', span: { ...this.outerSpan(start), end: this.outerSpan(start).start } })) },
      ],
    });
    this.MANY(() => {
      this.OR2([
        { ALT: () => { const s = this.SUBRULE(this.arraySuffix); this.ACTION(() => (node = { ...s, inner: node!, span: this.spanFrom(start) })); } },
        { ALT: () => { const s = this.SUBRULE(this.functionSuffix); this.ACTION(() => (node = { ...s, inner: node!, span: this.spanFrom(start) })); } },
      ]);
    });
    return node!;
  });

  /**
   * directDeclarator's fast path, for a declarator that may have a name and begins with an
   * identifier; declarator also takes it in place of calling the rule. It is the OR's first
   * alternative and the MANY of suffixes, whose paths are single tokens (parser-base.ts).
   */
  private identDirectDeclarator(): ast.Declarator {
    const start = this.LA(1);
    const t = this.CONSUME(T.Identifier);
    let d: ast.Declarator = { kind: 'IdentDeclarator', span: this.outerSpan(t), name: t.image };
    for (;;) {
      const type = this.LA(1).tokenType;
      if (type === T.LBracket) d = { ...this.SUBRULE(this.arraySuffix), inner: d, span: this.spanFrom(start) };
      else if (type === T.LParen) d = { ...this.SUBRULE(this.functionSuffix), inner: d, span: this.spanFrom(start) };
      else return d;
    }
  }

  /** Is the '(' at LA(1) a parenthesised declarator rather than a parameter list? */
  private isGroupingParen(mode: DeclaratorMode): boolean {
    if (!this.la(1, T.LParen)) return false;
    if (mode === 'named') return true;
    const t = this.LA(2);
    if (this.is(t, T.Star) || this.is(t, T.LParen) || this.is(t, T.LBracket) || this.is(t, T.Attribute)) return true;
    return mode === 'either' && t.tokenType === T.Identifier && !this.isTypedefName(t);
  }

  // array-suffix = "[" "static"? type-qualifier* "static"? assignment-expression? "]"  (C11 6.7.6.2)
  arraySuffix = this.RULE('arraySuffix', (): Omit<ast.ArrayDeclarator, 'inner' | 'span'> => {
    const out: Omit<ast.ArrayDeclarator, 'inner' | 'span'> = { kind: 'ArrayDeclarator', qualifiers: [], isStatic: false };
    this.CONSUME(T.LBracket);
    this.MANY(() =>
      this.OR([
        { ALT: () => { this.CONSUME(T.Static); out.isStatic = true; } },
        { ALT: () => { const q = this.CONSUME(T.QualifierKw); this.ACTION(() => out.qualifiers.push(QUALIFIER_NAMES[q.image]!)); } },
      ]),
    );
    this.OPTION(() => {
      const size = (this.fast() && this.simpleOperand('assignment')) || this.SUBRULE(this.assignmentExpression);
      this.ACTION(() => (out.size = size));
    });
    this.CONSUME(T.RBracket);
    return out;
  });

  // function-suffix = "(" (parameter-declaration ("," parameter-declaration)* ("," "...")?)? ")"  (C11 6.7.6.3)
  // Parameters live in their own prototype scope.
  functionSuffix = this.RULE('functionSuffix', (): Omit<ast.FunctionDeclarator, 'inner' | 'span'> => {
    const params: ast.ParamDecl[] = [];
    let variadic = false;
    this.CONSUME(T.LParen);
    this.st.scopes.push();
    try {
      this.OPTION(() => {
        params.push(this.SUBRULE(this.parameterDeclaration));
        this.MANY({
          GATE: () => !this.la(2, T.Ellipsis),
          DEF: () => {
            this.CONSUME(T.Comma);
            params.push(this.SUBRULE2(this.parameterDeclaration));
          },
        });
        this.OPTION2(() => {
          this.CONSUME2(T.Comma);
          this.CONSUME(T.Ellipsis);
          variadic = true;
        });
      });
    } finally {
      this.st.scopes.pop();
    }
    this.CONSUME(T.RParen);
    return this.ACTION(() => {
      const p0 = params[0];
      const isVoid =
        params.length === 1 && p0 !== undefined && p0.specifiers.type.kind === 'BuiltinType' &&
        p0.specifiers.type.words.join(' ') === 'void' && p0.specifiers.storage.length === 0 &&
        p0.specifiers.qualifiers.length === 0 && p0.declarator.kind === 'IdentDeclarator' && p0.declarator.name === undefined;
      return { kind: 'FunctionDeclarator', params: isVoid ? [] : params, variadic, hasPrototype: params.length > 0 };
    });
  });

  // parameter-declaration = declaration-specifiers (declarator | abstract-declarator?) attribute-specifier*  (C11 6.7.6.3)
  parameterDeclaration = this.RULE('parameterDeclaration', (): ast.ParamDecl => {
    const start = this.LA(1);
    const specifiers = this.fast() && this.isDeclSpecifierStart(start, false) ? this.specifiersFast(start) : this.SUBRULE(this.declarationSpecifiers);
    const declarator = this.fast() ? this.declaratorFast('either') : this.SUBRULE(this.declarator, { ARGS: ['either'] });
    const attributes = this.fast() && !this.la(1, T.Attribute) ? [] : this.SUBRULE(this.attributeSpecifiers);
    return this.ACTION(() => {
      const name = declaratorName(declarator);
      if (name !== undefined) this.st.scopes.declare(name, false);
      return { kind: 'ParamDecl', span: this.spanFrom(start), specifiers, declarator, attributes };
    });
  });

  // type-name = specifier-qualifier-list abstract-declarator?  (C11 6.7.7)
  override typeName = this.RULE('typeName', (): ast.TypeName => {
    const start = this.LA(1);
    const specifiers = this.SUBRULE(this.declarationSpecifiers);
    const declarator = this.SUBRULE(this.declarator, { ARGS: ['abstract'] });
    return this.ACTION(() => ({ kind: 'TypeName', span: this.spanFrom(start), specifiers, declarator }));
  });
}
