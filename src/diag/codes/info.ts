export interface CodeInfo {
  /** A short kebab-case name, also accepted by `ebcc explain`. */
  name: string;
  /** One-line summary. */
  title: string;
  /** The teaching text `ebcc explain` prints: why the rule exists and how to fix the code. */
  explanation: string;
  /**
   * A warning of this code is advice about loading (section names libbpf 1.x cannot map, a
   * context struct of the program's own, a map annotation that does not fit, the built-in
   * verifier's verdict on a build), which clang does not give: -Werror leaves it a warning, so a
   * Makefile that builds with clang -Werror builds with ebcc. -Werror=FLAG with one of its
   * clangFlags makes it an error.
   */
  loaderAdvice?: true;
  /**
   * The warning flags (without -W) that name this warning: clang's names, or ebcc's own for a
   * warning clang does not give (`bpf-verifier`). `-Wno-FLAG` on the command line,
   * `#pragma GCC diagnostic ignored "-WFLAG"` and the clang form of that pragma silence it;
   * `-Werror=FLAG` makes it an error.
   */
  clangFlags?: readonly string[];
  /**
   * A warning clang gives only when asked: one of these flags (-Wall, -Wunused, ...) turns it on.
   * Without the field, the warning is on by default.
   */
  onlyWith?: readonly string[];
}
