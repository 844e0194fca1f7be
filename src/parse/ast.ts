// The syntax tree the parser builds (C11 + the GNU extensions BPF code uses).
// Every node has a span. Names follow the C11 productions. Types are not
// resolved here: sema turns DeclSpecifiers + Declarator into a type.
import type { MacroExpansion } from '../diag/diagnostic.js';
import type { Span } from '../diag/source.js';
import type { Token } from '../pp/token.js';

export interface TranslationUnit {
  kind: 'TranslationUnit';
  span: Span;
  items: ExternalDecl[];
}

export type ExternalDecl = FunctionDef | Declaration | StaticAssert | EmptyDecl | TopLevelAsm | LazyDecl;

// ---------------------------------------------------------------------------
// Attributes: __attribute__((name, name(args), ...))
export interface Attribute {
  kind: 'Attribute';
  span: Span;
  /** Normalised: leading/trailing double underscores removed ("__packed__" -> "packed"). */
  name: string;
  /** Arguments; identifier arguments appear as Ident expressions. */
  args: Expr[];
}

// ---------------------------------------------------------------------------
// declaration-specifiers (C11 6.7)
export type StorageClass = 'typedef' | 'extern' | 'static' | 'auto' | 'register' | '_Thread_local';
export type Qualifier = 'const' | 'volatile' | 'restrict' | '_Atomic';

export interface DeclSpecifiers {
  kind: 'DeclSpecifiers';
  span: Span;
  storage: StorageClass[];
  qualifiers: Qualifier[];
  /** inline / __inline / __inline__ */
  inline: boolean;
  noreturn: boolean;
  /** alignas(N) or _Alignas(type) */
  alignas?: Expr | TypeName;
  type: TypeSpecifier;
  attributes: Attribute[];
}

export type TypeSpecifier = BuiltinTypeSpec | StructOrUnionSpec | EnumSpec | TypedefNameSpec | TypeofSpec;

/** Basic type words as written, e.g. ['unsigned', 'long', 'long'] or ['_Bool']; [] means implicit int. */
export interface BuiltinTypeSpec {
  kind: 'BuiltinType';
  span: Span;
  words: string[];
}

export interface StructOrUnionSpec {
  kind: 'StructOrUnion';
  span: Span;
  tag: 'struct' | 'union';
  name?: string;
  nameSpan?: Span;
  /** undefined: a reference or forward declaration; []: a definition with no members. */
  members?: StructMember[];
  attributes: Attribute[];
}

/** One struct-declaration: `unsigned a : 3, b;` or an anonymous struct/union member. */
export interface StructMember {
  kind: 'StructMember';
  span: Span;
  specifiers: DeclSpecifiers;
  /** Empty for an anonymous struct/union member. */
  declarators: MemberDeclarator[];
}

export interface MemberDeclarator {
  kind: 'MemberDeclarator';
  span: Span;
  /** Absent for an unnamed bitfield `int : 3;`. */
  declarator?: Declarator;
  bitWidth?: Expr;
  attributes: Attribute[];
}

export interface EnumSpec {
  kind: 'Enum';
  span: Span;
  name?: string;
  nameSpan?: Span;
  /** The fixed underlying type (`enum E : __u8 { ... }`, C23). */
  base?: TypeName;
  enumerators?: Enumerator[];
  attributes: Attribute[];
}

export interface Enumerator {
  kind: 'Enumerator';
  span: Span;
  name: string;
  value?: Expr;
}

export interface TypedefNameSpec {
  kind: 'TypedefName';
  span: Span;
  name: string;
}

/** typeof(expr) / typeof(type-name), also __typeof__ */
export interface TypeofSpec {
  kind: 'Typeof';
  span: Span;
  arg: Expr | TypeName;
}

// ---------------------------------------------------------------------------
// Declarators (C11 6.7.6). A declarator wraps the declarator it applies to:
// `*a[3]` is Pointer{inner: Array{inner: Ident a}}; `(*a)[3]` is
// Array{inner: Pointer{inner: Ident a}}. To build a type, start from the base
// type and walk from the outside in: Pointer makes "pointer to T", Array makes
// "array of T", Function makes "function returning T", then apply the result to inner.
export type Declarator = IdentDeclarator | PointerDeclarator | ArrayDeclarator | FunctionDeclarator;

export interface IdentDeclarator {
  kind: 'IdentDeclarator';
  span: Span;
  /** Absent in an abstract declarator (type names, unnamed parameters). */
  name?: string;
}

export interface PointerDeclarator {
  kind: 'PointerDeclarator';
  span: Span;
  qualifiers: Qualifier[];
  attributes: Attribute[];
  inner: Declarator;
}

export interface ArrayDeclarator {
  kind: 'ArrayDeclarator';
  span: Span;
  /** Absent for `[]`. */
  size?: Expr;
  qualifiers: Qualifier[];
  isStatic: boolean;
  inner: Declarator;
}

export interface FunctionDeclarator {
  kind: 'FunctionDeclarator';
  span: Span;
  params: ParamDecl[];
  variadic: boolean;
  /** `f()` in C: no prototype. `f(void)` gives params: [] and hasPrototype: true. */
  hasPrototype: boolean;
  inner: Declarator;
}

export interface ParamDecl {
  kind: 'ParamDecl';
  span: Span;
  specifiers: DeclSpecifiers;
  declarator: Declarator;
  attributes: Attribute[];
}

export interface TypeName {
  kind: 'TypeName';
  span: Span;
  specifiers: DeclSpecifiers;
  /** An abstract declarator (IdentDeclarator without a name at the core). */
  declarator: Declarator;
}

// ---------------------------------------------------------------------------
// Declarations (C11 6.7)
export interface Declaration {
  kind: 'Declaration';
  span: Span;
  specifiers: DeclSpecifiers;
  declarators: InitDeclarator[];
}

export interface InitDeclarator {
  kind: 'InitDeclarator';
  span: Span;
  declarator: Declarator;
  init?: Initializer;
  /** Attributes written after the declarator, e.g. `x SEC(".maps")`. */
  attributes: Attribute[];
  /** asm("label") after the declarator. */
  asmLabel?: string;
}

export interface FunctionDef {
  kind: 'FunctionDef';
  span: Span;
  specifiers: DeclSpecifiers;
  declarator: Declarator;
  attributes: Attribute[];
  body: CompoundStmt;
}

export interface StaticAssert {
  kind: 'StaticAssert';
  span: Span;
  cond: Expr;
  message?: StringLit;
}

/** A lone `;` at file scope. */
export interface EmptyDecl {
  kind: 'EmptyDecl';
  span: Span;
}

/**
 * A header's declaration of one helper pointer, kept as its tokens until its name
 * is used or declared again (lazy-decls.ts; sema/lazy.ts parses and checks it then).
 */
export interface LazyDecl {
  kind: 'LazyDecl';
  span: Span;
  name: string;
  /** Its preprocessed tokens, from `static` through ';'. */
  tokens: readonly Token[];
  /** The identifiers among the tokens that were typedef names where the declaration stands. */
  typedefs: string[];
  /** The tags it names, each of which sema requires to be declared (else it checks it at once). */
  tags: ['struct' | 'union' | 'enum', string][];
  /** The enumerators it names, each of which sema requires to be declared (else it checks it at once). */
  constants: string[];
}

/** asm("...") at file scope. */
export interface TopLevelAsm {
  kind: 'TopLevelAsm';
  span: Span;
  text: string;
}

// ---------------------------------------------------------------------------
// Initializers (C11 6.7.9)
export type Initializer = Expr | InitList;

export interface InitList {
  kind: 'InitList';
  span: Span;
  items: InitItem[];
}

export interface InitItem {
  kind: 'InitItem';
  span: Span;
  designators: Designator[];
  init: Initializer;
}

export type Designator =
  | { kind: 'FieldDesignator'; span: Span; name: string }
  | { kind: 'IndexDesignator'; span: Span; index: Expr; /** GNU [lo ... hi] */ hi?: Expr };

// ---------------------------------------------------------------------------
// Statements (C11 6.8)
export type Stmt =
  | CompoundStmt
  | ExprStmt
  | IfStmt
  | WhileStmt
  | DoWhileStmt
  | ForStmt
  | SwitchStmt
  | CaseStmt
  | DefaultStmt
  | BreakStmt
  | ContinueStmt
  | ReturnStmt
  | GotoStmt
  | LabeledStmt
  | LocalLabelDecl
  | AsmStmt;

export type BlockItem = Stmt | Declaration | StaticAssert;

export interface CompoundStmt {
  kind: 'CompoundStmt';
  span: Span;
  items: BlockItem[];
}

export interface ExprStmt {
  kind: 'ExprStmt';
  span: Span;
  /** Absent for the null statement `;`. */
  expr?: Expr;
}

export interface IfStmt {
  kind: 'IfStmt';
  span: Span;
  cond: Expr;
  then: Stmt;
  else?: Stmt;
}

/** Loop pragmas written just before a loop: `#pragma unroll`, `#pragma clang loop unroll(full)`. */
export interface LoopPragma {
  span: Span;
  text: string;
}

export interface WhileStmt {
  kind: 'WhileStmt';
  span: Span;
  cond: Expr;
  body: Stmt;
  pragmas: LoopPragma[];
}

export interface DoWhileStmt {
  kind: 'DoWhileStmt';
  span: Span;
  body: Stmt;
  cond: Expr;
  pragmas: LoopPragma[];
}

export interface ForStmt {
  kind: 'ForStmt';
  span: Span;
  init?: Declaration | Expr;
  cond?: Expr;
  step?: Expr;
  body: Stmt;
  pragmas: LoopPragma[];
}

export interface SwitchStmt {
  kind: 'SwitchStmt';
  span: Span;
  cond: Expr;
  body: Stmt;
}

export interface CaseStmt {
  kind: 'CaseStmt';
  span: Span;
  value: Expr;
  /** GNU case range `case 1 ... 5:` */
  hi?: Expr;
  body: Stmt;
}

export interface DefaultStmt {
  kind: 'DefaultStmt';
  span: Span;
  body: Stmt;
}

export interface BreakStmt {
  kind: 'BreakStmt';
  span: Span;
}

export interface ContinueStmt {
  kind: 'ContinueStmt';
  span: Span;
}

export interface ReturnStmt {
  kind: 'ReturnStmt';
  span: Span;
  expr?: Expr;
}

export interface GotoStmt {
  kind: 'GotoStmt';
  span: Span;
  label: string;
}

export interface LabeledStmt {
  kind: 'LabeledStmt';
  span: Span;
  label: string;
  body: Stmt;
}

/** __label__ a, b; (GNU): labels local to the enclosing block or statement expression. */
export interface LocalLabelDecl {
  kind: 'LocalLabelDecl';
  span: Span;
  names: string[];
}

/** asm [volatile] [goto] ("template" : outputs : inputs : clobbers : labels) */
export interface AsmStmt {
  kind: 'AsmStmt';
  span: Span;
  volatile: boolean;
  template: string;
  outputs: AsmOperand[];
  inputs: AsmOperand[];
  clobbers: string[];
  /** asm goto: the C labels the template may jump to (%l[name] or %lN). */
  gotoLabels?: { name: string; span: Span }[];
}

export interface AsmOperand {
  span: Span;
  /** The symbolic name of `[name] "r"(x)`, referenced as %[name] in the template. */
  name?: string;
  constraint: string;
  expr: Expr;
}

// ---------------------------------------------------------------------------
// Expressions (C11 6.5)
export type Expr =
  | Ident
  | IntLit
  | CharLit
  | StringLit
  | BinaryExpr
  | AssignExpr
  | UnaryExpr
  | PostfixExpr
  | CondExpr
  | CallExpr
  | MemberExpr
  | IndexExpr
  | CastExpr
  | SizeofExpr
  | AlignofExpr
  | CommaExpr
  | StmtExpr
  | CompoundLiteral
  | OffsetofExpr
  | TypesCompatibleExpr
  | GenericSelection
  | ChooseExpr;

interface ExprBase {
  span: Span;
  /** Macro expansion of the expression's first token, for diagnostics. */
  expansion?: MacroExpansion;
}

export interface Ident extends ExprBase {
  kind: 'Ident';
  name: string;
}

export interface IntLit extends ExprBase {
  kind: 'IntLit';
  /** The value; out-of-range literals are reported by sema. */
  value: bigint;
  /** Lower-cased suffix: '', 'u', 'l', 'ul', 'll', 'ull'. */
  suffix: string;
  /** True for octal/hex/binary literals (they may take unsigned types without a suffix). */
  nonDecimal: boolean;
  text: string;
}

export interface CharLit extends ExprBase {
  kind: 'CharLit';
  value: number;
  /** '' for plain char constants, or 'L', 'u', 'U'. */
  prefix: string;
}

export interface StringLit extends ExprBase {
  kind: 'StringLit';
  /** Decoded bytes (UTF-8 for non-ASCII), adjacent literals concatenated, without the terminating NUL. */
  bytes: number[];
  /** The decoded text, for section names and messages. */
  value: string;
}

export type BinaryOp =
  | '*' | '/' | '%' | '+' | '-' | '<<' | '>>'
  | '<' | '>' | '<=' | '>=' | '==' | '!='
  | '&' | '^' | '|' | '&&' | '||';

export interface BinaryExpr extends ExprBase {
  kind: 'BinaryExpr';
  op: BinaryOp;
  left: Expr;
  right: Expr;
}

export type AssignOp = '=' | '*=' | '/=' | '%=' | '+=' | '-=' | '<<=' | '>>=' | '&=' | '^=' | '|=';

export interface AssignExpr extends ExprBase {
  kind: 'AssignExpr';
  op: AssignOp;
  target: Expr;
  value: Expr;
}

/** Prefix operators. '++' and '--' here are pre-increment/decrement. */
export type UnaryOp = '-' | '+' | '!' | '~' | '*' | '&' | '++' | '--' | '__extension__' | '__real__' | '__imag__';

export interface UnaryExpr extends ExprBase {
  kind: 'UnaryExpr';
  op: UnaryOp;
  operand: Expr;
}

export interface PostfixExpr extends ExprBase {
  kind: 'PostfixExpr';
  op: '++' | '--';
  operand: Expr;
}

export interface CondExpr extends ExprBase {
  kind: 'CondExpr';
  cond: Expr;
  /** Absent for GNU `a ?: b`. */
  then?: Expr;
  else: Expr;
}

export interface CallExpr extends ExprBase {
  kind: 'CallExpr';
  callee: Expr;
  args: Expr[];
}

export interface MemberExpr extends ExprBase {
  kind: 'MemberExpr';
  object: Expr;
  member: string;
  memberSpan: Span;
  arrow: boolean;
}

export interface IndexExpr extends ExprBase {
  kind: 'IndexExpr';
  array: Expr;
  index: Expr;
}

export interface CastExpr extends ExprBase {
  kind: 'CastExpr';
  type: TypeName;
  operand: Expr;
}

export interface SizeofExpr extends ExprBase {
  kind: 'SizeofExpr';
  arg: Expr | TypeName;
}

/** _Alignof / __alignof__ */
export interface AlignofExpr extends ExprBase {
  kind: 'AlignofExpr';
  arg: Expr | TypeName;
}

export interface CommaExpr extends ExprBase {
  kind: 'CommaExpr';
  exprs: Expr[];
}

/** GNU statement expression ({ ... }) */
export interface StmtExpr extends ExprBase {
  kind: 'StmtExpr';
  body: CompoundStmt;
}

export interface CompoundLiteral extends ExprBase {
  kind: 'CompoundLiteral';
  type: TypeName;
  init: InitList;
}

/** __builtin_offsetof(type, a.b[3].c) and offsetof from stddef.h */
export interface OffsetofExpr extends ExprBase {
  kind: 'OffsetofExpr';
  type: TypeName;
  /** The member path: the first element is always a FieldDesignator. */
  path: Designator[];
}

export interface TypesCompatibleExpr extends ExprBase {
  kind: 'TypesCompatibleExpr';
  a: TypeName;
  b: TypeName;
}

/** _Generic(control, type: expr, ..., default: expr)  (C11 6.5.1.1); type undefined for default. */
export interface GenericSelection extends ExprBase {
  kind: 'GenericSelection';
  control: Expr;
  associations: { type?: TypeName; expr: Expr }[];
}

export interface ChooseExpr extends ExprBase {
  kind: 'ChooseExpr';
  cond: Expr;
  then: Expr;
  else: Expr;
}

export function isTypeName(x: Expr | TypeName): x is TypeName {
  return x.kind === 'TypeName';
}
