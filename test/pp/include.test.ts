import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/context.js';
import { Diagnostics } from '../../src/diag/diagnostic.js';
import { MemoryFileSystem } from '../../src/diag/fs.js';
import { includeGuardNames } from '../../src/pp/include.js';
import { lexFile } from '../../src/pp/lexer.js';
import { expand, runPP } from './helpers.js';

describe('#include search', () => {
  it('searches the includer\'s directory first for "x", and only the search path for <x>', () => {
    const files = { 'a.h': 'local', 'inc/a.h': 'from_inc', '/ebcc/stdlib/include/a.h': 'from_stdlib' };
    expect(expand('#include "a.h"\n#include <a.h>', files, { includeDirs: ['inc'] })).toBe('local from_inc');
    expect(expand('#include <a.h>', files)).toBe('from_stdlib');
  });

  it('searches -I directories in order, then the stdlib directory', () => {
    const files = { 'i1/x.h': 'one', 'i2/x.h': 'two', 'i2/y.h': 'y2', '/ebcc/stdlib/include/z.h': 'z' };
    expect(expand('#include <x.h>\n#include <y.h>\n#include "z.h"', files, { includeDirs: ['i1', 'i2'] })).toBe('one y2 z');
  });

  it('resolves "x" relative to the directory of the file that includes it', () => {
    const files = { 'inc/sub/x.h': '#include "y.h"\n#include "../z.h"', 'inc/sub/y.h': 'y', 'inc/z.h': 'z' };
    expect(expand('#include <sub/x.h>', files, { includeDirs: ['inc'] })).toBe('y z');
  });

  it('a header that a system header includes from its own directory ("name") is a system header too', () => {
    // Its warnings are not shown, as clang hides them; the same header included by a user file is not.
    const files = { 'sys/a.h': '#include "b.h"\n', 'sys/b.h': '#define XX 1\n#define XX 2\n', 'usr/a.h': '#include "b.h"\n', 'usr/b.h': '#define YY 1\n#define YY 2\n' };
    expect(runPP('#include <a.h>\nXX', files, { includeDirs: [], systemDirs: ['sys'] }).diags).toEqual([]);
    expect(runPP('#include <a.h>\nYY', files, { includeDirs: ['usr'] }).diags).toEqual(["warning E1008 usr/b.h:2: 'YY' macro redefined"]);
  });

  it('#include_next continues after the directory where the current file was found', () => {
    const files = {
      'i1/limits.h': 'first\n#include_next <limits.h>',
      'i2/limits.h': 'second\n#include_next <limits.h>',
      '/ebcc/stdlib/include/limits.h': 'third',
    };
    expect(expand('#include <limits.h>', files, { includeDirs: ['i1', 'i2'] })).toBe('first second third');
  });

  it('__has_include_next looks only after the current file\'s directory', () => {
    const files = {
      'i1/a.h': '#if __has_include_next(<a.h>)\nnext_a\n#endif\n#if !__has_include_next(<b.h>)\nno_next_b\n#endif',
      'i1/b.h': '',
      'i2/a.h': '',
    };
    expect(expand('#include <a.h>', files, { includeDirs: ['i1', 'i2'] })).toBe('next_a no_next_b');
  });

  it('accepts macro-expanded header names', () => {
    const files = { 'cfg.h': 'cfg', 'inc/sys.h': 'sys' };
    expect(expand('#define H "cfg.h"\n#include H\n#define S <sys.h>\n#include S', files, { includeDirs: ['inc'] })).toBe('cfg sys');
  });

  it('registers included files with the span of the #include', () => {
    const r = runPP('x\n#include "a.h"', { 'a.h': 'y' });
    const y = r.tokens[1]!;
    const file = r.ctx.sources.get(y.span.file);
    expect(file.path).toBe('a.h');
    expect(r.ctx.sources.lineCol(file.includedFrom!.file, file.includedFrom!.start).line).toBe(2);
  });

  it('includes a file with #pragma once only once, and guarded files once in effect', () => {
    const files = { 'once.h': '#pragma once\nonce', 'guard.h': '#ifndef G\n#define G\nguard\n#endif' };
    expect(expand('#include "once.h"\n#include "once.h"\n#include "guard.h"\n#include "guard.h"', files)).toBe('once guard');
  });

  it('stops a recursive include with "#include nested too deeply"', () => {
    const r = runPP('#include "self.h"\nafter', { 'self.h': '#include "self.h"\n#include "self.h"\nx' });
    expect(r.diags).toEqual([
      'error E1004 self.h:1: #include nested too deeply (more than 200 levels); does a header include itself without an include guard?',
    ]);
  });

  it('reports a missing header', () => {
    expect(runPP('#include <nope.h>\n#include "gone.h"').diags).toEqual([
      "error E1003 main.c:1: 'nope.h' file not found (#include <nope.h>)",
      "error E1003 main.c:2: 'gone.h' file not found (#include \"gone.h\")",
    ]);
  });

  it('reports malformed #include lines', () => {
    expect(runPP('#include\n#include foo\n#include <a.h\n#include ""').diags).toEqual([
      'error E1005 main.c:1: expected "FILENAME" or <FILENAME>, saw end of line',
      "error E1005 main.c:2: expected \"FILENAME\" or <FILENAME>, saw 'foo'",
      "error E1005 main.c:3: expected '>' to end the header name",
      'error E1005 main.c:4: empty file name in #include',
    ]);
    expect(runPP('#include "a.h" x', { 'a.h': '' }).diags).toEqual(["warning E1023 main.c:1: extra tokens at end of #include directive: 'x'"]);
  });

  it('reports unterminated conditionals per file', () => {
    expect(runPP('#include "a.h"\n#endif', { 'a.h': '#if 1\n' }).diags).toEqual([
      'error E1015 a.h:1: unterminated conditional directive: #endif is missing',
      'error E1016 main.c:2: #endif without #if',
    ]);
  });
});

describe('command-line macros and forced includes', () => {
  it('applies -D, -U and -include before the main file', () => {
    const files = { 'pre.h': 'int pre;' };
    const opts = { defines: [{ name: 'A' }, { name: 'B', value: '2 + 3' }, { name: '__bpf__', value: '7' }], undefs: ['__bpf__'], forcedIncludes: ['pre.h'] };
    const r = runPP('A B __bpf__', files, opts);
    expect(r.text).toBe('int pre ; 1 2 + 3 __bpf__');
  });

  it('reports __INCLUDE_LEVEL__, __FILE__ and __BASE_FILE__', () => {
    const files = { 'dir/a.h': '__FILE__ __INCLUDE_LEVEL__ __BASE_FILE__' };
    expect(expand('#include "dir/a.h"\n__FILE__ __INCLUDE_LEVEL__', files)).toBe('"dir/a.h" 1 "main.c" "main.c" 0');
  });
});

describe('include guards', () => {
  const guardOf = (text: string): string[] | undefined => {
    const ctx = createContext(new MemoryFileSystem());
    const diags = new Diagnostics();
    return includeGuardNames(lexFile(ctx.sources.add('g.h', text), diags));
  };

  it('finds the guard of a file that is one #ifndef or #if !defined group', () => {
    expect(guardOf('// comment\n#ifndef G\n#define G\nint x;\n#if A\ny\n#else\nz\n#endif\n#endif\n')).toEqual(['G']);
    expect(guardOf('#if !defined(A) && !defined B\n#define A\n#endif')).toEqual(['A', 'B']);
  });

  it('finds none when the group does not cover the whole file or has a branch of its own', () => {
    expect(guardOf('#ifndef G\n#define G\n#endif\nafter')).toBeUndefined();
    expect(guardOf('before\n#ifndef G\n#define G\n#endif')).toBeUndefined();
    expect(guardOf('#ifndef G\n#define G\n#else\nagain\n#endif')).toBeUndefined();
    expect(guardOf('#ifndef G\n#define G\n#endif\n#ifndef H\n#endif')).toBeUndefined();
    expect(guardOf('#ifndef G extra\n#define G\n#endif')).toBeUndefined();
    expect(guardOf('#ifndef G\n#define G\n#endif G')).toBeUndefined();
    expect(guardOf('#if !defined(A) || !defined(B)\n#endif')).toBeUndefined();
    expect(guardOf('#if defined(A)\n#endif')).toBeUndefined();
  });

  it('includes a guarded file again exactly as a full read would', () => {
    const files = {
      'g.h': '#ifndef G\n#define G\ng\n#endif',
      'ab.h': '#if !defined(A) && !defined(B)\n#define A\nab\n#endif',
      'else.h': '#ifndef E\n#define E\nfirst\n#else\nagain\n#endif',
      'tail.h': '#ifndef T\n#define T\nt\n#endif\ntail',
    };
    expect(expand('#include "g.h"\n#include "g.h"\n#undef G\n#include "g.h"', files)).toBe('g g');
    expect(expand('#define B\n#include "ab.h"\n#undef B\n#include "ab.h"\n#include "ab.h"', files)).toBe('ab');
    expect(expand('#include "else.h"\n#include "else.h"\n#include "tail.h"\n#include "tail.h"', files)).toBe('first again t tail tail');
  });

  it('keeps a SourceFile for each #include of a guarded file, as a full read does', () => {
    const r = runPP('#include "g.h"\n#include "g.h"\nx', { 'g.h': '#ifndef G\n#define G\n#endif' });
    expect(r.ctx.sources.files.map((f) => f.path)).toEqual(['main.c', '<built-in>', '<command line>', 'g.h', 'g.h']);
  });
});
