import type { CodeInfo } from './info.js';

// Codes of the pp stage (translation phases 1–4: lexing, directives, macros).
export const ppCodes = {
  E1001: {
    name: 'unterminated-comment',
    title: 'A /* comment has no closing */',
    explanation:
      'A block comment runs from /* to the first */ after it. When the file ends first, everything after ' +
      'the /* was swallowed by the comment, which is rarely what was meant. Close the comment with */, ' +
      'or use // for a one-line comment. Block comments do not nest: an inner /* does not need its own */.',
  },
  E1002: {
    name: 'unterminated-literal',
    title: 'A string literal or character constant has no closing quote',
    explanation:
      'A string literal ("...") or character constant (\'...\') must end on the line where it starts ' +
      '(C11 6.4.4.4, 6.4.5). A newline inside one is not allowed; write \\n for a newline character, or ' +
      'split a long string into adjacent literals "abc" "def", which the compiler joins.',
  },
  E1003: {
    name: 'include-not-found',
    title: 'An #include names a file that is not found',
    explanation:
      '#include "file" searches the directory of the including file, then each -I directory, then ' +
      "ebcc's own headers (stdlib/include). #include <file> skips the first place. ebcc never reads the " +
      "host's /usr/include: the kernel and libbpf headers BPF programs use (linux/bpf.h, bpf/bpf_helpers.h, " +
      '...) ship with ebcc. Check the spelling, or add the directory holding the header with -I DIR.',
  },
  E1004: {
    name: 'include-too-deep',
    title: '#include nested too deeply',
    explanation:
      'Each #include opens a file inside the current one; past 200 levels ebcc stops. This almost always ' +
      'means that a header includes itself, directly or through other headers, without an include guard. ' +
      'Wrap the header in #ifndef NAME_H / #define NAME_H / ... / #endif, or put #pragma once at its top.',
  },
  E1005: {
    name: 'include-syntax',
    title: '#include expects "FILENAME" or <FILENAME>',
    explanation:
      'The #include directive takes a header name in quotes or angle brackets, or macros that expand to ' +
      'one (C11 6.10.2). Anything else on the line is an error, as is an empty file name.',
  },
  E1006: {
    name: 'macro-name-missing',
    title: 'A directive needs a macro name',
    explanation:
      '#define, #undef, #ifdef, #ifndef and `defined` take an identifier: the name of a macro, such as ' +
      '#ifdef DEBUG or defined(DEBUG). A keyword-like word is fine (#define inline), a number or ' +
      'punctuator is not.',
  },
  E1007: {
    name: 'macro-params',
    title: 'The parameter list of a function-like macro is malformed',
    explanation:
      'A function-like macro is written `#define NAME(a, b) body` with no space between NAME and `(`. ' +
      'Parameters are identifiers separated by commas; the last may be `...` (the arguments it takes are ' +
      'named __VA_ARGS__) or `name...` (the GNU spelling, then they are named `name`). Each parameter ' +
      'name may appear only once.',
  },
  E1008: {
    name: 'macro-redefined',
    title: 'A macro is redefined with a different replacement list',
    explanation:
      'C11 6.10.3p2 allows redefining a macro only with an identical definition. ebcc, like GCC and ' +
      'clang, warns and uses the new definition. Usually two headers disagree; #undef the name first if ' +
      'the change is intended, or rename one of the macros.',
  },
  E1009: {
    name: 'stringify-not-param',
    title: "'#' is not followed by a macro parameter",
    explanation:
      'In a function-like macro, # turns the argument of the parameter that follows it into a string ' +
      'literal (C11 6.10.3.2). It must be followed by a parameter name. In an object-like macro # has no ' +
      'special meaning.',
  },
  E1010: {
    name: 'paste-at-edge',
    title: "'##' cannot appear at either end of a macro body",
    explanation:
      '## pastes the token before it to the token after it (C11 6.10.3.3), so it needs a token on each ' +
      'side in the replacement list.',
  },
  E1011: {
    name: 'invalid-paste',
    title: "Pasting with '##' does not give a valid preprocessing token",
    explanation:
      'The result of ## must be a single token, such as an identifier (foo ## bar gives foobar) or a ' +
      'number. Pasting two tokens that do not join into one, such as `x ## +`, is undefined behaviour ' +
      'in C; ebcc reports it and keeps the two tokens apart. Often the ## is not needed at all.',
  },
  E1012: {
    name: 'unterminated-macro-call',
    title: 'The argument list of a function-like macro call is not closed',
    explanation:
      'The arguments of a function-like macro run to the matching ). When the file ends first, the ' +
      'parentheses are unbalanced: look for a missing ) in the call.',
  },
  E1013: {
    name: 'macro-arg-count',
    title: 'A function-like macro is called with the wrong number of arguments',
    explanation:
      'A call must supply one argument per parameter (C11 6.10.3p4); a variadic macro takes at least as ' +
      'many as its named parameters. Commas inside parentheses do not separate arguments, but commas ' +
      'inside braces or angle brackets do: wrap such an argument in parentheses.',
  },
  E1014: {
    name: 'expansion-limit',
    title: 'Macro expansion exceeded the size or depth limit',
    explanation:
      'Macros that expand into several copies of other macros can grow exponentially. ebcc stops when ' +
      'the output passes a million tokens or the expansion nests too deeply, instead of running out ' +
      'of memory. Simplify the macros involved.',
  },
  E1015: {
    name: 'unterminated-conditional',
    title: 'An #if, #ifdef or #ifndef has no matching #endif',
    explanation:
      'Every conditional group must be closed with #endif in the same file (C11 6.10.1). The error ' +
      'points at the opening directive; add the missing #endif, or remove a stray #if.',
  },
  E1016: {
    name: 'unmatched-conditional',
    title: '#else, #elif or #endif without a matching #if',
    explanation:
      '#elif and #else continue a conditional group and #endif closes it, so each needs an open #if, ' +
      '#ifdef or #ifndef before it in the same file. #elif cannot follow #else, and there is only one ' +
      '#else per group.',
  },
  E1017: {
    name: 'if-expression',
    title: 'The expression of #if or #elif is malformed',
    explanation:
      '#if takes an integer constant expression (C11 6.10.1): integer and character constants, ' +
      'operators, parentheses, and defined NAME. Identifiers that are not macros count as 0. Floating ' +
      'constants, strings, casts, sizeof and assignments are not allowed, because the preprocessor knows ' +
      'no types.',
  },
  E1018: {
    name: 'if-division-by-zero',
    title: 'Division by zero in #if',
    explanation:
      'The expression of #if divides by zero or takes a remainder by zero. Guard the division with ' +
      '`B != 0 && A / B`, which short-circuits, or check that the macros involved are defined.',
  },
  E1019: {
    name: 'error-directive',
    title: '#error',
    explanation:
      'The source asked the compiler to stop with this message, usually because a configuration is not ' +
      'supported. Read the message and the condition around the #error.',
  },
  E1020: {
    name: 'warning-directive',
    title: '#warning',
    explanation: 'The source asked the compiler to print this message. It does not stop the compilation.',
  },
  E1021: {
    name: 'unknown-directive',
    title: 'Unknown preprocessing directive',
    explanation:
      'After # at the start of a line must come a directive name: define, undef, include, include_next, ' +
      'if, ifdef, ifndef, elif, elifdef, elifndef, else, endif, line, error, warning or pragma. A line ' +
      'with # alone is allowed and does nothing.',
  },
  E1022: {
    name: 'line-directive',
    title: '#line expects a line number and an optional file name',
    explanation:
      '#line N "file" sets the line number of the next line to N (1 to 2147483647) and, if given, the ' +
      'name __FILE__ reports (C11 6.10.4). The number must be a plain decimal digit sequence.',
  },
  E1023: {
    name: 'extra-tokens',
    title: 'Extra tokens at the end of a directive',
    explanation:
      'Directives such as #endif, #else, #ifdef NAME and #undef NAME take nothing more on the line. ' +
      'Extra text is ignored; to annotate the line, use a comment: #endif // NAME.',
  },
  E1024: {
    name: 'has-feature-syntax',
    title: 'Malformed __has_include, __has_builtin or similar operator',
    explanation:
      '__has_include("file") and __has_include(<file>) test whether a header exists; __has_builtin(name), ' +
      '__has_attribute(name), __has_feature(name) and __has_extension(name) test for a compiler ' +
      'feature. Each takes its operand in parentheses and may appear only in #if and #elif.',
  },
  E1025: {
    name: 'pragma-operator',
    title: '_Pragma expects a parenthesised string literal',
    explanation:
      "_Pragma(\"text\") works like a #pragma text line (C11 6.10.9). Its operand must be one string literal in parentheses.",
  },
  E1026: {
    name: 'macro-name-reserved',
    title: 'A built-in macro is defined or undefined',
    explanation:
      'Redefining or undefining `defined`, __FILE__, __LINE__ and the other macros the compiler provides ' +
      'is undefined behaviour (C11 6.10.8p4) and breaks code that relies on them. Use another name.',
  },
  E1027: {
    name: 'va-opt-syntax',
    title: '__VA_OPT__ is not followed by a parenthesized replacement',
    explanation:
      'In a variadic macro, __VA_OPT__(tokens) stands for `tokens` when the variable arguments are present ' +
      'and for nothing when they are absent or expand to nothing (C23 6.10.5.1). It is typically used as ' +
      '`f(a __VA_OPT__(,) __VA_ARGS__)`. The parentheses are required and must balance.',
  },
} satisfies Record<string, CodeInfo>;
