export interface CodeInfo {
  /** A short kebab-case name, also accepted by `ebcc explain`. */
  name: string;
  /** One-line summary. */
  title: string;
  /** The teaching text `ebcc explain` prints: why the rule exists and how to fix the code. */
  explanation: string;
}
