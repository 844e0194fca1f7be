// The typedef-name scope stack (C11 6.2.1, 6.7.8). `T * x;` is a declaration
// when T names a typedef and a multiplication otherwise, so the parser tracks,
// per scope, which identifiers are typedef names and which are ordinary
// identifiers that hide an outer typedef. Struct members and tags live in
// other name spaces and are never entered here.

export class TypedefScopes {
  /** Innermost scope last; each maps a name to true (typedef) or false (ordinary identifier). */
  private readonly stack: Map<string, boolean>[] = [new Map([['__builtin_va_list', true]])];

  push(): void {
    this.stack.push(new Map());
  }

  pop(): void {
    if (this.stack.length > 1) this.stack.pop();
  }

  declare(name: string, isTypedef: boolean): void {
    this.stack[this.stack.length - 1]!.set(name, isTypedef);
  }

  /** The file scope's entries (for recording what each external declaration declared). */
  fileScope(): ReadonlyMap<string, boolean> {
    return this.stack[0]!;
  }

  isTypedef(name: string): boolean {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const v = this.stack[i]!.get(name);
      if (v !== undefined) return v;
    }
    return false;
  }
}
