import type { CodeInfo } from './info.js';

// Codes of the parse stage.
export const parseCodes = {
  E2001: {
    name: 'syntax-error',
    title: 'The tokens do not form valid C here',
    explanation:
      'The parser expected one kind of token or construct and found another; the message says what was expected ' +
      "and what was seen. A missing ';' is reported just after the token that should have ended the statement or " +
      "declaration. Common causes: a missing ';' or ')', an unbalanced brace, a macro that expands to something " +
      'unexpected, or a GNU extension that ebcc does not accept (see grammar/c-bpf.ebnf for the accepted language). ' +
      'After an error the parser skips to the end of the statement or declaration and goes on, so later errors may ' +
      'be consequences of the first one: fix the first error first.',
  },
  E2002: {
    name: 'nesting-too-deep',
    title: 'Parentheses, braces or declarators are nested too deeply',
    explanation:
      'ebcc limits the nesting of expressions, statements, declarators and initializers (100 levels) and the ' +
      'length of one chain of binary operators (1024), as clang ' +
      'limits bracket depth. Such deep nesting almost always comes from a runaway macro; BPF programs never need it. ' +
      'Split the expression into several statements with temporary variables, or check the macro that produced it.',
  },
  E2003: {
    name: 'floating-constant',
    title: 'Floating-point constants are not supported in BPF programs',
    explanation:
      'The BPF instruction set has no floating-point registers or instructions, and the kernel verifier refuses ' +
      'programs that would need them, so ebcc rejects floating constants such as 1.5 or 1e3. Use integers: scale ' +
      'values (for example, count in micro-units) or compute ratios with integer multiplication and shifts.',
  },
  E2004: {
    name: 'invalid-integer-constant',
    title: 'The integer constant is malformed',
    explanation:
      'An integer constant is decimal (42), octal (0755, digits 0-7 only), hexadecimal (0x2a) or binary (0b101), ' +
      "optionally followed by a suffix made of u/U and l/L/ll/LL in any order (42u, 42UL, 42llu). 'lL' is not a " +
      'valid suffix, and octal constants cannot contain the digits 8 or 9.',
  },
  E2005: {
    name: 'invalid-char-constant',
    title: 'The character constant is malformed',
    explanation:
      "A character constant holds one character or escape sequence between single quotes, such as 'a' or '\\n'. " +
      "An empty constant '' has no value. A plain constant can hold at most four bytes (multi-character constants " +
      'are implementation-defined and best avoided); a wide constant (L, u, U prefix) exactly one character.',
  },
  E2006: {
    name: 'invalid-escape-sequence',
    title: 'The escape sequence in a literal is not valid',
    explanation:
      'C knows the escapes \\n \\t \\r \\a \\b \\f \\v \\\\ \\\' \\" \\? (and GNU \\e), octal escapes of up to three ' +
      'digits (\\0, \\177) and hexadecimal escapes (\\x1f). An escaped value must fit in a byte. To write a ' +
      'backslash itself, double it: "\\\\".',
  },
  E2007: {
    name: 'conflicting-type-specifiers',
    title: 'Two type specifiers that cannot be combined',
    explanation:
      'A declaration names its type once: basic type words combine (unsigned long long), but a struct, union, enum, ' +
      'typedef name or typeof cannot be combined with another type specifier, e.g. `int struct s x;`. Remove one of them.',
  },
  E2008: {
    name: 'unknown-type-name',
    title: 'An identifier is used as a type but no typedef of that name is visible',
    explanation:
      'Where the grammar needs declaration specifiers (at the start of a file-scope declaration or of a parameter), ' +
      'the parser found an identifier that is not a typedef name in scope. Usually a header that defines the type ' +
      '(for example <linux/types.h> for __u32, or <bpf/bpf_helpers.h>) is not included, or the typedef comes later ' +
      'in the file than its first use.',
  },
} satisfies Record<string, CodeInfo>;
